//! Bytes as a scenario file: load, then validate.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wusim::fuzzing::scenario_file(data));
