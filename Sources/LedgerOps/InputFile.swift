import ArgumentParser
import Foundation
import Core

/// Files the commands read from the command line.
enum InputFile {
    /// The file's text; a clear error naming the file when it cannot be read as UTF-8.
    static func text(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("\(path) cannot be read as UTF-8 text")
        }
        return text
    }

    /// An account mapping CSV (`account,target`, a header line first): foreign account → administration account.
    static func mapping(_ path: String) throws -> [String: String] {
        var mapping: [String: String] = [:]
        for r in try CSVReader().records(in: try text(path), file: path).dropFirst() where r.fields.count >= 2 && !r.fields[1].isEmpty {
            mapping[r.fields[0]] = r.fields[1]
        }
        return mapping
    }
}
