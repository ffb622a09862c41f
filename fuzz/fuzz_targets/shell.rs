//! Bytes as lines typed into the practice shell.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wusim::fuzzing::shell_lines(data));
