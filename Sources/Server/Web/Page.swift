import Foundation
import Hummingbird
import Mustache

/// Renders a page body into the layout, for the signed-in user (their name, role and CSRF token in every form).
enum Page {
    static let library: MustacheLibrary = {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in [("layout", PageTemplates.layout), ("login", PageTemplates.login), ("monitor", PageTemplates.monitor),
                             ("drill", PageTemplates.drill), ("clusters", PageTemplates.clusters), ("cluster", PageTemplates.cluster),
                             ("proposals", PageTemplates.proposals), ("proposal", PageTemplates.proposal),
                             ("administration", PageTemplates.administration), ("report", PageTemplates.report),
                             ("audit", PageTemplates.audit), ("groups", PageTemplates.groups),
                             ("consolidation", PageTemplates.consolidation), ("budgets", PageTemplates.budgets),
                             ("import", PageTemplates.importPage), ("bank", PageTemplates.bank)] {
            templates[name] = try! MustacheTemplate(string: text)
        }
        return MustacheLibrary(templates: templates)
    }()

    static func html(_ name: String, title: String, _ data: [String: Any], identity: Identity?, status: HTTPResponse.Status = .ok)
        -> Response
    {
        var values = data
        var layout: [String: Any] = ["title": title]
        if let identity {
            layout["user"] = identity.user.name
            layout["role"] = identity.user.role.rawValue
            if case .session(let csrf) = identity.via {
                layout["csrf"] = csrf
                values["csrf"] = csrf
            }
        }
        layout["body"] = library.render(values, withTemplate: name) ?? ""
        let page = library.render(layout, withTemplate: "layout") ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
