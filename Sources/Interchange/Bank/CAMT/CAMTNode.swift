import Foundation

/// One element as the SAX reader met it, with the elements inside it: the small piece of tree (a header, a balance,
/// an entry) the decoder reads before the reader lets it go.
struct CAMTNode: Sendable {
    let name: String
    /// The line of the start tag.
    let line: Int
    let attributes: [String: String]
    var text = ""
    var children: [CAMTNode] = []

    init(name: String, line: Int, attributes: [String: String]) {
        self.name = name
        self.line = line
        self.attributes = attributes
    }

    /// The first child element called `name`.
    func child(_ name: String) -> CAMTNode? { children.first { $0.name == name } }

    /// Every child element called `name`, in file order.
    func all(_ name: String) -> [CAMTNode] { children.filter { $0.name == name } }

    /// The element at `path` below this one, following the first match at each step.
    func node(_ path: String...) -> CAMTNode? { node(path) }

    func node(_ path: [String]) -> CAMTNode? {
        var current = self
        for name in path {
            guard let next = current.child(name) else { return nil }
            current = next
        }
        return current
    }

    /// The trimmed text of the element at `path`; nil when the element is absent.
    func text(_ path: String...) -> String? { node(path)?.value }

    /// This element's text without surrounding white space, cheaply when there is none (nearly always).
    var value: String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return "" }
        let space: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        return space(first) || space(last) ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
    }
}
