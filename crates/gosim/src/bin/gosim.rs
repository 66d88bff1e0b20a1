//! The `gosim` command: run, check and explore Go programs in the simulator.
//!
//! A thin shell over the library: it reads the file, parses flags, and
//! writes the simulated program's stdout and stderr through. Exit status
//! is the simulated program's (0, 1 for compile errors, 2 for panics and
//! fatal errors, os.Exit's code), or 3 when a budget stopped the run.

use gosim::{GoVersion, RunConfig, Schedule};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage:
  gosim run FILE.go [--go 1.21|1.22|1.23] [--seed N] [--schedule CHOICES] [--max-steps N] [--max-memory BYTES] [--race]
  gosim check FILE.go
  gosim explore FILE.go [--go VER] [--max-schedules N] [--preemption-bound K] [--random-runs N] [--seed N] [--max-memory BYTES] [--max-work N] [--json]
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match real_main(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("gosim: {}", msg);
            eprint!("{}", USAGE);
            ExitCode::from(64)
        }
    }
}

fn parse_version(s: &str) -> Result<GoVersion, String> {
    GoVersion::parse(s).ok_or_else(|| {
        let known: Vec<String> = GoVersion::MODELLED.iter().map(|v| v.label()).collect();
        format!(
            "unknown Go version {:?} (want one of {})",
            s,
            known.join(", ")
        )
    })
}

fn number(s: &str, flag: &str) -> Result<u64, String> {
    s.parse().map_err(|_| format!("{} wants a number", flag))
}

fn real_main(args: &[String]) -> Result<ExitCode, String> {
    let Some(cmd) = args.first() else {
        return Err("missing command".into());
    };
    let mut file = None;
    let mut cfg = RunConfig::default();
    let mut ecfg = gosim::explore::ExploreConfig::default();
    let mut json = false;
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        let mut value = || -> Result<String, String> {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("{} needs a value", a))
        };
        match a.as_str() {
            "--go" => cfg.go_version = parse_version(&value()?)?,
            "--seed" => {
                cfg.schedule = Schedule::Seeded(
                    value()?
                        .parse()
                        .map_err(|_| "--seed wants a number".to_string())?,
                )
            }
            "--schedule" => cfg.schedule = Schedule::Choices(value()?.parse()?),
            "--max-steps" => {
                cfg.max_steps = value()?
                    .parse()
                    .map_err(|_| "--max-steps wants a number".to_string())?
            }
            "--max-schedules" => ecfg.max_schedules = number(&value()?, "--max-schedules")?,
            "--max-memory" => {
                cfg.max_memory = number(&value()?, "--max-memory")?;
                ecfg.max_memory = cfg.max_memory;
            }
            "--max-work" => ecfg.max_work = number(&value()?, "--max-work")?,
            "--preemption-bound" => {
                ecfg.preemption_bound = number(&value()?, "--preemption-bound")? as u32
            }
            "--random-runs" => ecfg.random_runs = number(&value()?, "--random-runs")?,
            "--json" => json = true,
            "--race" => cfg.detect_races = true,
            s if s.starts_with("--") => return Err(format!("unknown flag {}", s)),
            s => {
                if file.is_some() {
                    return Err(format!("unexpected argument {}", s));
                }
                file = Some(s.to_string());
            }
        }
        i += 1;
    }
    let Some(path) = file else {
        return Err("missing FILE.go".into());
    };
    let src = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {}", path, e))?;
    match cmd.as_str() {
        "run" => {
            let r = gosim::run(&src, &cfg);
            let _ = std::io::stdout().write_all(&r.stdout);
            let _ = std::io::stderr().write_all(&r.stderr);
            Ok(ExitCode::from(
                r.exit_code.map(|c| c.clamp(0, 255) as u8).unwrap_or(3),
            ))
        }
        "check" => match gosim::compile(&src, &cfg) {
            Ok(_) => Ok(ExitCode::SUCCESS),
            Err(errors) => {
                eprint!("{}", errors);
                Ok(ExitCode::from(1))
            }
        },
        "explore" => {
            if let Schedule::Seeded(seed) = cfg.schedule {
                ecfg.seed = seed;
            }
            match gosim::explore::explore(&src, &cfg, ecfg) {
                Ok(report) => {
                    if json {
                        let _ = writeln!(
                            std::io::stdout(),
                            "{}",
                            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
                        );
                    } else {
                        print_report(&report);
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(errors) => {
                    eprint!("{}", errors);
                    Ok(ExitCode::from(1))
                }
            }
        }
        other => Err(format!("unknown command {}", other)),
    }
}

fn print_report(r: &gosim::explore::ExploreReport) {
    // A closed pipe (`gosim explore … | head`) is not an error.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} distinct outcome(s) over {} schedule(s), {} state(s); search: {}; {}",
        r.outcomes.len(),
        r.schedules,
        r.states,
        r.modes.join(" then "),
        if r.complete {
            "complete"
        } else {
            "not complete (bounded)"
        }
    );
    if r.memory_limited {
        let _ = writeln!(
            out,
            "partial result: the search stopped at its memory limit (kept states and outcomes)"
        );
    }
    for (i, o) in r.outcomes.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n#{} {:?} (exit {}) reached by {} schedule(s); schedule {:?} ({} switch(es))",
            i + 1,
            o.class,
            o.exit_code
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
            o.count,
            o.schedule.to_string(),
            o.switches
        );
        for line in o.stdout.lines().take(20) {
            let _ = writeln!(out, "  | {}", line);
        }
        for line in o.stderr_head.lines().take(5) {
            let _ = writeln!(out, "  ! {}", line);
        }
        for r in &o.races {
            let _ = writeln!(
                out,
                "  DATA RACE on {}: goroutine {} {} at line {}, goroutine {} {} at line {}",
                r.what,
                r.first_g,
                if r.first_write { "wrote" } else { "read" },
                r.first_line,
                r.second_g,
                if r.second_write { "wrote" } else { "read" },
                r.second_line
            );
        }
        for l in &o.leaked {
            let _ = writeln!(
                out,
                "  leaked: goroutine {} created at line {} [{}]",
                l.g,
                l.created_line.unwrap_or(0),
                l.wait_reason.clone().unwrap_or_else(|| "runnable".into())
            );
        }
        if o.leaked_total > o.leaked.len() {
            let _ = writeln!(
                out,
                "  leaked: {} more goroutines",
                o.leaked_total - o.leaked.len()
            );
        }
    }
}
