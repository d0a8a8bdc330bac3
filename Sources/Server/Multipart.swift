import Foundation
import Hummingbird

/// The parts of a `multipart/form-data` body (RFC 7578): each field's name, its file name when it is a file, and
/// its bytes. Enough for the web UI's upload form; nothing is streamed to disk.
struct Multipart {
    struct Part {
        var name: String
        var filename: String?
        var data: [UInt8]
    }

    var parts: [Part]

    init?(contentType: String?, body: [UInt8]) {
        guard let contentType, contentType.hasPrefix("multipart/form-data"),
              let range = contentType.range(of: "boundary=")
        else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Part] = []
        var starts: [Int] = []
        var i = 0
        while let found = Self.find(delimiter, in: body, from: i) {
            starts.append(found)
            i = found + delimiter.count
        }
        for (a, b) in zip(starts, starts.dropFirst()) {
            var start = a + delimiter.count
            if start + 1 < body.count, body[start] == 13, body[start + 1] == 10 { start += 2 }
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: start), headerEnd < b else { continue }
            let headers = String(decoding: body[start..<headerEnd], as: UTF8.self)
            var end = b
            if end >= 2, body[end - 2] == 13, body[end - 1] == 10 { end -= 2 }
            func value(_ key: String) -> String? {
                guard let r = headers.range(of: key + "=\"") else { return nil }
                let rest = headers[r.upperBound...]
                return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
            }
            guard let name = value("name") else { continue }
            parts.append(Part(name: name, filename: value("filename"), data: Array(body[(headerEnd + 4)..<max(end, headerEnd + 4)])))
        }
        self.parts = parts
    }

    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= haystack.count - needle.count {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension Multipart {
    /// The form of an upload (up to 64 MB) and its non-empty `file` part; without one the request is a 400 asking
    /// for `what`.
    static func upload(_ request: Request, what: String) async throws -> (form: Multipart, file: Part) {
        var request = request
        let body = try await request.collectBody(upTo: 64 << 20)
        guard let form = Multipart(contentType: request.headers[.contentType], body: Array(buffer: body)),
              let file = form["file"], !file.data.isEmpty
        else { throw ServerError(.badRequest, "no-file", "choose \(what) to upload") }
        return (form, file)
    }

    /// A text field's value; nil when it is missing or empty.
    func text(_ name: String) -> String? {
        self[name].map { String(decoding: $0.data, as: UTF8.self) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
