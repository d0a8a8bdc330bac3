import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs another program as a whole process and reports its wall time and peak memory (from `wait4`).
struct ChildProcess {
    struct Result {
        var seconds: Double
        var peakMemoryMB: Double
        var status: Int32
        /// What the program wrote on stderr (its last 2,000 bytes).
        var errors: String
    }

    /// Runs `path` with `arguments`, stdout and stderr to `/dev/null` unless `output` names a file.
    static func run(_ path: String, _ arguments: [String], output: String = "/dev/null") throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let errorFile = NSTemporaryDirectory() + "/bench-stderr-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(errorFile) }
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(path): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)).map { String($0.suffix(2_000)) } ?? ""
        return Result(seconds: seconds, peakMemoryMB: Double(usage.ru_maxrss) / 1024, status: exit, errors: errors)
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
