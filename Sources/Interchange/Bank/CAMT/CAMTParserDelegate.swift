import Core
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SAX callbacks for a CAMT message: checks the root and namespace, keeps a tree of only the element being read
/// and decodes the group header, each entry and each record as it closes, so a long statement is never held as XML.
final class CAMTParserDelegate: NSObject, AuditFileDelegate {
    static let namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:"
    static let versions = 2...8

    let file: String
    var failure: InterchangeError?
    var sawRoot = false
    private(set) var kind: CAMTMessageKind?
    private(set) var version = 0
    private(set) var header: CAMTGroupHeader?
    private(set) var records: [CAMTRecord] = []
    /// The line of the message element (`BkToCstmrStmt`…), or of `Document` when there is none.
    private(set) var messageLine = 0
    private var stack: [CAMTNode] = []
    private var entries: [CAMTEntry] = []

    init(file: String) {
        self.file = file
    }

    /// The message kind and version a namespace stands for: `camt.05[234].001.NN`, NN from 02 to 08.
    static func message(namespace: String) -> (CAMTMessageKind, Int)? {
        guard namespace.hasPrefix(namespacePrefix) else { return nil }
        let name = namespace.dropFirst(namespacePrefix.count)
        guard let kind = CAMTMessageKind.allCases.first(where: { name.hasPrefix($0.rawValue + ".001.") }) else {
            return nil
        }
        let number = name.dropFirst(kind.rawValue.count + 5)
        guard number.count == 2, let version = Int(number), versions.contains(version) else { return nil }
        return (kind, version)
    }

    private func fail(_ parser: XMLParser, _ error: InterchangeError) {
        guard failure == nil else { return }
        failure = error
        parser.abortParsing()
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        fail(parser, InterchangeError(file: file, line: parser.lineNumber, message))
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        switch stack.count {
        case 0:
            guard name == "Document" else {
                return fail(parser, "the root element is <\(name)>, not <Document>: this is not a CAMT bank statement "
                    + "(camt.052, camt.053 or camt.054)")
            }
            let namespace = namespaceURI ?? ""
            guard let (kind, version) = Self.message(namespace: namespace) else {
                return fail(parser, "namespace '\(namespace)' is not a CAMT bank statement: expected camt.052, "
                    + "camt.053 or camt.054 in version 02 to 08 (e.g. \(Self.namespacePrefix)camt.053.001.02)")
            }
            self.kind = kind
            self.version = version
            sawRoot = true
            messageLine = parser.lineNumber
        case 1:
            guard let kind, name == kind.messageElement else {
                return fail(parser, "<Document> of \(kind?.rawValue ?? "CAMT") holds <\(name)>, "
                    + "expected <\(kind?.messageElement ?? "")>")
            }
            messageLine = parser.lineNumber
        case 2 where name == kind?.recordElement:
            entries = []
        default:
            break
        }
        stack.append(CAMTNode(name: name, line: parser.lineNumber, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil, let node = stack.popLast(), let kind else { return }
        let decoder = CAMTDecoder(file: file, kind: kind)
        do throws(InterchangeError) {
            switch stack.count {
            case 0, 1:
                break
            case 2 where node.name == "GrpHdr":
                header = try decoder.groupHeader(node)
            case 2 where node.name == kind.recordElement:
                guard header != nil else {
                    throw InterchangeError(file: file, line: node.line, "<\(node.name)> comes before the group header "
                        + "<GrpHdr>, which a CAMT message starts with")
                }
                records.append(try decoder.record(node, entries: entries))
                entries = []
            case 2:
                break
            case 3 where node.name == "Ntry" && stack.last?.name == kind.recordElement:
                entries.append(try decoder.entry(node))
            default:
                stack[stack.count - 1].children.append(node)
            }
        } catch {
            fail(parser, error)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil {
            failure = InterchangeError(file: file, line: parser.lineNumber,
                                       "not a complete, well-formed XML file (\(parseError.localizedDescription))")
        }
    }
}
