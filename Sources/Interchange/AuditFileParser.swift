import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A SAX delegate for an audit file: it keeps the first error it met and whether the file's root element came by.
protocol AuditFileDelegate: XMLParserDelegate {
    var failure: InterchangeError? { get }
    var sawRoot: Bool { get }
}

/// Streams an audit file through a delegate, so no reader holds the whole tree in memory.
enum AuditFileParser {
    /// Parses `path`: the delegate's own error comes first, then malformed XML, then a file without `root`.
    static func parse(_ path: String, file: String, root: String, processNamespaces: Bool,
                      delegate: some AuditFileDelegate) throws {
        guard let stream = InputStream(fileAtPath: path) else {
            throw InterchangeError(file: file, line: 0, "the file does not exist or cannot be read")
        }
        try run(XMLParser(stream: stream), file: file, root: root, processNamespaces: processNamespaces,
                delegate: delegate)
    }

    /// Parses a file already in memory, with the same errors as from a path. It is streamed too: handed over whole,
    /// libxml2 refuses input over 10 MB ("huge input lookup").
    static func parse(data: Data, file: String, root: String, processNamespaces: Bool,
                      delegate: some AuditFileDelegate) throws(InterchangeError) {
        try run(XMLParser(stream: InputStream(data: data)), file: file, root: root,
                processNamespaces: processNamespaces, delegate: delegate)
    }

    private static func run(_ parser: XMLParser, file: String, root: String, processNamespaces: Bool,
                            delegate: some AuditFileDelegate) throws(InterchangeError) {
        parser.shouldProcessNamespaces = processNamespaces
        parser.delegate = delegate
        let ok = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard ok else {
            let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "the XML is not well-formed"
            throw InterchangeError(file: file, line: parser.lineNumber, "not a complete, well-formed XML file: \(message)")
        }
        guard delegate.sawRoot else { throw InterchangeError(file: file, line: 0, "the file holds no \(root) element") }
    }
}
