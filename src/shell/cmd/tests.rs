//! The interpreter through the shell: operators, redirections, variables, `IF`, `FOR`,
//! batch files and the guards against endless loops.

use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState};
use crate::shell::{Output, Shell};
use crate::world::files;

fn setup() -> (Pc, Shell) {
    let pc = Pc::builder().seed(3).build();
    let shell = Shell::new(&pc);
    (pc, shell)
}

fn run(pc: &mut Pc, shell: &mut Shell, line: &str) -> Output {
    shell.execute(pc, line)
}

fn write(pc: &mut Pc, path: &str, text: &str) {
    pc.act(|w| files::write_text(w, path, text, false)).unwrap();
}

#[test]
fn operators_run_each_command_as_cmd_does() {
    let (mut pc, mut sh) = setup();
    pc.start_service(ServiceId::BITS).unwrap();
    pc.start_service(ServiceId::WUAUSERV).unwrap();
    pc.run_for(SimDuration::from_secs(10));
    let out = run(&mut pc, &mut sh, "net stop bits & net stop wuauserv");
    assert!(
        out.text.contains(
            "The Background Intelligent Transfer Service service was stopped successfully."
        ),
        "{}",
        out.text
    );
    assert!(
        out.text
            .contains("The Windows Update service was stopped successfully.")
    );
    assert_eq!(pc.scm().state(ServiceId::WUAUSERV), ServiceState::Stopped);
    let out = run(&mut pc, &mut sh, "net stop bits && echo yes || echo no");
    assert!(out.text.ends_with("no\n"), "{}", out.text);
    let out = run(&mut pc, &mut sh, "net start bits && echo yes || echo no");
    // cmd keeps the space before `||`: "yes ".
    assert!(out.text.ends_with("yes \n"), "{}", out.text);
}

#[test]
fn redirections_send_each_stream_where_it_belongs() {
    let (mut pc, mut sh) = setup();
    assert_eq!(
        run(&mut pc, &mut sh, "net stop wuauserv >nul 2>&1").text,
        ""
    );
    // `net`'s errors go to standard output here, but cmd's own go to standard error.
    let out = run(&mut pc, &mut sh, "type C:\\nope.txt >nul");
    assert_eq!(out.text, "The system cannot find the file specified.\n");
    assert_eq!(run(&mut pc, &mut sh, "type C:\\nope.txt 2>nul").text, "");
    run(&mut pc, &mut sh, "echo one> %TEMP%\\log.txt");
    run(&mut pc, &mut sh, "echo two >> %TEMP%\\log.txt");
    let out = run(&mut pc, &mut sh, "type %TEMP%\\log.txt");
    assert_eq!(out.text, "one\ntwo \n");
    let out = run(&mut pc, &mut sh, "echo x > C:\\Nope\\log.txt");
    assert_eq!(out.text, "The system cannot find the path specified.\n");
}

#[test]
fn variables_expand_and_errorlevel_follows_each_command() {
    let (mut pc, mut sh) = setup();
    assert_eq!(run(&mut pc, &mut sh, "echo %windir%").text, "C:\\WINDOWS\n");
    assert_eq!(run(&mut pc, &mut sh, "echo %NOPE%").text, "%NOPE%\n");
    run(
        &mut pc,
        &mut sh,
        "set stamp=%DATE:~-4%%DATE:~4,2%%DATE:~7,2%",
    );
    assert_eq!(run(&mut pc, &mut sh, "echo %stamp%").text, "20250610\n");
    run(&mut pc, &mut sh, "sc query nosuch");
    assert_eq!(run(&mut pc, &mut sh, "echo %errorlevel%").text, "1060\n");
    // echo leaves %ERRORLEVEL% alone.
    assert_eq!(run(&mut pc, &mut sh, "echo %errorlevel%").text, "1060\n");
    assert_eq!(run(&mut pc, &mut sh, "set /a 6*7").text, "42\n");
    let out = run(&mut pc, &mut sh, "set NOPE");
    assert_eq!(out.text, "Environment variable NOPE not defined\n");
    assert_eq!(out.exit_code, 1);
}

#[test]
fn relative_paths_follow_the_current_folder() {
    let (mut pc, mut sh) = setup();
    assert_eq!(sh.prompt(), "C:\\WINDOWS\\system32>");
    run(&mut pc, &mut sh, "cd /d %windir%");
    assert_eq!(sh.prompt(), "C:\\Windows>");
    let out = run(
        &mut pc,
        &mut sh,
        "ren SoftwareDistribution SoftwareDistribution.old",
    );
    assert_eq!(out.text, "", "the services are stopped on a quiet PC");
    assert!(
        pc.world()
            .fs
            .exists("C:\\Windows\\SoftwareDistribution.old\\DataStore\\DataStore.edb")
    );
    let again = run(
        &mut pc,
        &mut sh,
        "ren SoftwareDistribution SoftwareDistribution.old",
    );
    assert_eq!(again.text, "The system cannot find the file specified.\n");
    assert_eq!(
        run(&mut pc, &mut sh, "cd nowhere").text,
        "The system cannot find the path specified.\n"
    );
}

#[test]
fn if_and_for_decide_and_repeat() {
    let (mut pc, mut sh) = setup();
    let out = run(
        &mut pc,
        &mut sh,
        "if exist %windir%\\SoftwareDistribution (echo yes) else (echo no)",
    );
    assert_eq!(out.text, "yes\n");
    let out = run(
        &mut pc,
        &mut sh,
        "if not exist C:\\nope echo missing & echo both",
    );
    assert_eq!(out.text, "missing \nboth\n");
    let out = run(&mut pc, &mut sh, "if /i \"A\"==\"a\" echo same");
    assert_eq!(out.text, "same\n");
    let out = run(&mut pc, &mut sh, "if 10 GTR 9 echo numbers");
    assert_eq!(out.text, "numbers\n");
    let out = run(&mut pc, &mut sh, "for %s in (wuauserv bits) do @echo %s");
    assert_eq!(out.text, "wuauserv\nbits\n");
    let out = run(&mut pc, &mut sh, "for /l %i in (1,1,3) do @echo %i");
    assert_eq!(out.text, "1\n2\n3\n");
    let out = run(
        &mut pc,
        &mut sh,
        "for /f \"tokens=4\" %a in ('sc query usosvc ^| findstr STATE') do @echo %a",
    );
    assert_eq!(out.text, "RUNNING\n");
    let out = run(
        &mut pc,
        &mut sh,
        "for %f in (C:\\ProgramData\\Microsoft\\Network\\Downloader\\qmgr*.dat) do @echo %~nxf",
    );
    assert_eq!(out.text, "qmgr0.dat\nqmgr1.dat\n");
}

#[test]
fn unknown_and_unsimulated_commands_say_so() {
    let (mut pc, mut sh) = setup();
    let out = run(&mut pc, &mut sh, "frobnicate now");
    assert!(out.text.starts_with(
        "'frobnicate' is not recognized as an internal or external command,\noperable program or batch file.\n"
    ));
    // In a compound line (as in a script) there is no teaching note.
    let out = run(&mut pc, &mut sh, "frobnicate & rem");
    assert_eq!(
        out.text,
        "'frobnicate' is not recognized as an internal or external command,\noperable program or batch file.\n"
    );
    assert_eq!(out.exit_code, 9009);
    assert!(!out.recognized);
    let out = run(&mut pc, &mut sh, "vssadmin list shadows");
    assert!(
        out.text
            .starts_with("(wusim: 'vssadmin' is a real Windows command"),
        "{}",
        out.text
    );
    assert!(!out.recognized);
}

#[test]
fn echo_forms() {
    let (mut pc, mut sh) = setup();
    assert_eq!(run(&mut pc, &mut sh, "echo").text, "ECHO is on.\n");
    assert_eq!(run(&mut pc, &mut sh, "echo.").text, "\n");
    assert_eq!(run(&mut pc, &mut sh, "echo \"a & b\"").text, "\"a & b\"\n");
    assert_eq!(run(&mut pc, &mut sh, "echo a ^& b").text, "a & b\n");
}

#[test]
fn a_batch_file_runs_with_labels_calls_and_arguments() {
    let (mut pc, mut sh) = setup();
    write(
        &mut pc,
        "C:\\Users\\Admin\\Desktop\\t.bat",
        "@echo off\r\nsetlocal\r\nset n=0\r\n:loop\r\nset /a n+=1\r\nif %n% LSS 3 goto loop\r\ncall :show %n% \"two words\"\r\necho from %~nx0 in %~dp0\r\nexit /b 4\r\n:show\r\necho n=%1 and %~2\r\ngoto :eof\r\n",
    );
    let out = run(&mut pc, &mut sh, "C:\\Users\\Admin\\Desktop\\t.bat");
    assert_eq!(
        out.text,
        "n=3 and two words\nfrom t.bat in C:\\Users\\Admin\\Desktop\\\n"
    );
    assert_eq!(out.exit_code, 4);
    // setlocal ended with the file.
    assert_eq!(run(&mut pc, &mut sh, "echo %n%").text, "%n%\n");
}

#[test]
fn a_batch_file_echoes_its_commands_while_echo_is_on() {
    let (mut pc, mut sh) = setup();
    write(
        &mut pc,
        "C:\\Users\\Admin\\Desktop\\e.cmd",
        "ver\n@echo hidden\n",
    );
    run(&mut pc, &mut sh, "cd %USERPROFILE%\\Desktop");
    let out = run(&mut pc, &mut sh, "e");
    assert!(
        out.text.starts_with("\nC:\\Users\\Admin\\Desktop>ver\n"),
        "{}",
        out.text
    );
    assert!(out.text.ends_with("hidden\n"));
    assert!(!out.text.contains("@echo"));
}

#[test]
fn endless_loops_are_cut_off_with_a_note() {
    let (mut pc, mut sh) = setup();
    write(
        &mut pc,
        "C:\\Users\\Admin\\Desktop\\loop.bat",
        "@echo off\n:a\ngoto a\n",
    );
    let out = run(&mut pc, &mut sh, "%USERPROFILE%\\Desktop\\loop.bat");
    assert!(out.text.contains("(wusim: stopped after"), "{}", out.text);
    let out = run(&mut pc, &mut sh, "for /l %i in (1,0,2) do @rem");
    assert!(out.text.contains("(wusim: stopped after"), "{}", out.text);
    // The shell is fine afterwards.
    assert_eq!(run(&mut pc, &mut sh, "echo ok").text, "ok\n");
}

#[test]
fn an_open_block_asks_for_more() {
    let (mut pc, mut sh) = setup();
    assert_eq!(run(&mut pc, &mut sh, "if exist C:\\Windows (").text, "");
    assert_eq!(sh.prompt(), "More? ");
    run(&mut pc, &mut sh, "echo inside");
    let out = run(&mut pc, &mut sh, ")");
    assert_eq!(out.text, "inside\n");
    assert_eq!(sh.prompt(), "C:\\WINDOWS\\system32>");
}

#[test]
fn questions_wait_at_the_prompt_and_take_their_default_in_a_chain() {
    let (mut pc, mut sh) = setup();
    let out = run(&mut pc, &mut sh, "rd /s C:\\Users\\Admin\\Downloads");
    assert!(out.text.ends_with("Are you sure (Y/N)? "));
    assert!(sh.awaiting_answer());
    run(&mut pc, &mut sh, "n");
    assert!(pc.world().fs.exists("C:\\Users\\Admin\\Downloads"));
    let out = run(
        &mut pc,
        &mut sh,
        "rd /s C:\\Users\\Admin\\Downloads & echo next",
    );
    assert!(
        out.text
            .contains("(wusim: a script cannot wait for your answer"),
        "{}",
        out.text
    );
    assert!(out.text.ends_with("next\n"));
    assert!(!sh.awaiting_answer());
    let out = run(
        &mut pc,
        &mut sh,
        "echo y| rd /s C:\\Users\\Admin\\Downloads",
    );
    assert!(out.text.contains("Are you sure (Y/N)? y"), "{}", out.text);
    assert!(!pc.world().fs.exists("C:\\Users\\Admin\\Downloads"));
}

#[test]
fn date_and_time_set_the_pcs_clock() {
    let (mut pc, mut sh) = setup();
    pc.act(|w| w.device.clock_offset_secs = -400 * 86_400);
    assert_eq!(run(&mut pc, &mut sh, "date /t").text, "Mon 05/06/2024\n");
    run(&mut pc, &mut sh, "date 06-10-2025");
    assert_eq!(run(&mut pc, &mut sh, "date /t").text, "Tue 06/10/2025\n");
    assert!(pc.device().clock_offset_secs.abs() < 60);
    let out = run(&mut pc, &mut sh, "date 13-45-2025");
    assert_eq!(out.text, "The system cannot accept the date entered.\n");
}

#[test]
fn exit_closes_the_console_and_a_new_one_opens() {
    let (mut pc, mut sh) = setup();
    run(&mut pc, &mut sh, "cd \\");
    run(&mut pc, &mut sh, "set x=1");
    let out = run(&mut pc, &mut sh, "exit");
    assert!(out.text.contains("A new one is open"), "{}", out.text);
    assert_eq!(sh.prompt(), "C:\\WINDOWS\\system32>");
    assert_eq!(run(&mut pc, &mut sh, "echo %x%").text, "%x%\n");
}

#[test]
fn dir_and_del_say_when_nothing_matches() {
    let (mut pc, mut sh) = setup();
    run(&mut pc, &mut sh, "md C:\\empty");
    // An empty folder still has `.` and `..`: a listing, no "File Not Found".
    let out = run(&mut pc, &mut sh, "dir C:\\empty");
    assert!(out.text.contains("               2 Dir(s)"), "{}", out.text);
    assert!(!out.text.contains("File Not Found"), "{}", out.text);
    // A pattern that matches nothing: the header, then "File Not Found", no summary.
    let out = run(&mut pc, &mut sh, "dir C:\\empty\\*.txt");
    assert!(
        out.text
            .ends_with(" Directory of C:\\empty\n\nFile Not Found\n"),
        "{}",
        out.text
    );
    assert!(!out.text.contains("File(s)"), "{}", out.text);
    let out = run(&mut pc, &mut sh, "del C:\\empty\\*.tmp");
    assert_eq!(out.text, "Could Not Find C:\\empty\\*.tmp\n");
    // The junction old scripts use shows with /a only.
    let out = run(&mut pc, &mut sh, "dir /a C:\\ProgramData");
    assert!(
        out.text
            .contains("    <JUNCTION>     Application Data [C:\\ProgramData]"),
        "{}",
        out.text
    );
    let out = run(&mut pc, &mut sh, "dir C:\\ProgramData");
    assert!(!out.text.contains("Application Data"), "{}", out.text);
}

#[test]
fn bits_makes_a_new_queue_when_it_starts_without_one() {
    let (mut pc, mut sh) = setup();
    let queue = "C:\\ProgramData\\Microsoft\\Network\\Downloader";
    run(&mut pc, &mut sh, "net stop bits");
    run(&mut pc, &mut sh, &format!("del {queue}\\qmgr*.dat"));
    assert!(!pc.world().fs.exists(&format!("{queue}\\qmgr0.dat")));
    run(&mut pc, &mut sh, "net start bits");
    let out = run(&mut pc, &mut sh, &format!("dir /b {queue}"));
    assert_eq!(out.text, "qmgr0.dat\nqmgr1.dat\n");
}

#[test]
fn a_for_loop_shows_each_command_while_echo_is_on() {
    let (mut pc, mut sh) = setup();
    let cwd = "C:\\WINDOWS\\system32";
    let out = run(&mut pc, &mut sh, "for %s in (a b) do echo %s");
    assert_eq!(out.text, format!("\n{cwd}>echo a\na\n\n{cwd}>echo b\nb\n"));
    // `@` hides the command, and so does echo off.
    let out = run(&mut pc, &mut sh, "for %s in (a b) do @echo %s");
    assert_eq!(out.text, "a\nb\n");
    run(&mut pc, &mut sh, "echo off");
    let out = run(&mut pc, &mut sh, "for %s in (a b) do echo %s");
    assert_eq!(out.text, "a\nb\n");
}
