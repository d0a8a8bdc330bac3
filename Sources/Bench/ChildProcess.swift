import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs another program as a whole process and reports its wall time and peak memory (from `wait4`).
///
/// The program is started through this bench binary in `--measure` mode, a fresh and small process: on Linux a
/// child's `ru_maxrss` is at least the resident size of the process it was spawned from (the vfork'd child shares
/// the spawner's memory until its exec), so spawning straight from a bench that holds a million transactions
/// would report the bench's size, not the program's.
struct ChildProcess {
    struct Result {
        var seconds: Double
        var peakMemoryMB: Double
        var status: Int32
        /// What the program wrote on stderr (its last 2,000 bytes).
        var errors: String
    }

    /// Runs `path` with `arguments`, stdout and stderr to `/dev/null` unless `output` names a file. Without
    /// `measuringMemory` it is spawned directly (for many short runs, where only the time counts).
    static func run(_ path: String, _ arguments: [String], output: String = "/dev/null", measuringMemory: Bool = true) throws
        -> Result
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let errorFile = NSTemporaryDirectory() + "/bench-stderr-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(errorFile) }
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let measureFile = NSTemporaryDirectory() + "/bench-measure-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(measureFile) }
        let launcher = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let program = measuringMemory ? launcher : path
        let argv = ((measuringMemory ? [launcher, "--measure", measureFile] : []) + [path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(path): error \(spawned)") }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        let elapsed = clock.now - start
        let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)).map { String($0.suffix(2_000)) } ?? ""
        guard measuringMemory else {
            return Result(seconds: Self.seconds(elapsed), peakMemoryMB: 0, status: Self.exitCode(status), errors: errors)
        }
        // The launcher's own figures: the program's peak and exit, and its time without the launcher's start-up.
        guard let measured = try? String(contentsOfFile: measureFile, encoding: .utf8),
              case let fields = measured.split(separator: " "), fields.count == 3,
              let maxrss = Double(fields[0]), let exit = Int32(fields[1]), let seconds = Double(fields[2])
        else { throw BenchError("\(path) could not be measured: \(errors)") }
        return Result(seconds: seconds, peakMemoryMB: maxrss / 1024, status: exit, errors: errors)
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    static func exitCode(_ status: Int32) -> Int32 { (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }

    /// `--measure FILE PATH ARGS…`: runs PATH from this small process, waits, and writes its peak resident size
    /// (KB) and exit status to FILE. Called first thing in `main`, before the bench allocates anything.
    static func measure(_ arguments: ArraySlice<String>) -> Never {
        let file = arguments[arguments.startIndex], path = arguments[arguments.startIndex + 1]
        let argv = arguments.dropFirst().map { strdup($0) } + [nil]
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        guard posix_spawn(&pid, path, nil, nil, argv, environ) == 0 else {
            FileHandle.standardError.write(Data("cannot start \(path)\n".utf8))
            exit(127)
        }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let elapsed = seconds(clock.now - start)
        _ = FileManager.default.createFile(atPath: file, contents: Data("\(usage.ru_maxrss) \(exitCode(status)) \(elapsed)".utf8))
        exit(0)
    }

    /// The full path of a program on PATH, if any.
    static func find(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
