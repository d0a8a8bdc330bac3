public import Core
import Foundation

/// Every template, cluster and overlay of one source (a revision of the template repository), loaded once.
public struct TemplateSet: Sendable {
    public let sourceName: String
    public let templates: [String: TemplateDefinition]
    public let clusters: [String: ClusterDefinition]
    /// Overlays by cluster, then administration.
    public let overrides: [String: [String: OverrideDefinition]]
    /// Groups consolidated from administrations (`groups/*.yaml`), by name.
    public let groups: [String: GroupDefinition]
    /// Problems met while reading files (bad YAML or CSV, unknown fields, links, oversized files…).
    public let loadProblems: [TemplateError]

    /// Reads `templates/*/`, `clusters/*.yaml` and `clusters/*/overrides/*.yaml` from `source`.
    public static func load(from source: any TemplateSource) -> TemplateSet {
        var loader = TemplateLoader(source: source)
        let files = loader.attempt { p throws(TemplateError) in try p.source.files(under: "templates") } ?? []
        let names = Set(files.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count >= 3 ? String(parts[1]) : nil
        })
        var templates: [String: TemplateDefinition] = [:]
        for name in names.sorted() {
            if let t = loader.template(name) { templates[name] = t }
        }
        var clusters: [String: ClusterDefinition] = [:]
        var overrides: [String: [String: OverrideDefinition]] = [:]
        for path in loader.attempt({ p throws(TemplateError) in try p.source.files(under: "clusters") }) ?? [] {
            let parts = path.split(separator: "/").map(String.init)
            if parts.count == 2 && path.hasSuffix(".yaml") {
                if let c = loader.attempt({ p throws(TemplateError) in try p.cluster(path) }) { clusters[c.name] = c }
            } else if parts.count == 4 && parts[2] == "overrides" && path.hasSuffix(".yaml") {
                if let o = loader.attempt({ p throws(TemplateError) in try p.override(path) }) { overrides[parts[1], default: [:]][o.administration] = o }
            } else if !path.hasSuffix(".md") {
                loader.problems.append(TemplateError(path, 0, "unexpected file in clusters/",
                                                     hint: "clusters/NAME.yaml and clusters/NAME/overrides/ADMIN.yaml"))
            }
        }
        var groups: [String: GroupDefinition] = [:]
        for path in loader.attempt({ p throws(TemplateError) in try p.source.files(under: "groups") }) ?? [] {
            if path.split(separator: "/").count == 2 && path.hasSuffix(".yaml") {
                if let g = loader.attempt({ p throws(TemplateError) in try p.group(path) }) { groups[g.name] = g }
            } else if !path.hasSuffix(".md") {
                loader.problems.append(TemplateError(path, 0, "unexpected file in groups/", hint: "groups/NAME.yaml"))
            }
        }
        for (cluster, byAdmin) in overrides where clusters[cluster] == nil {
            for o in byAdmin.values {
                loader.problems.append(TemplateError(o.file, 0, "override for cluster '\(cluster)', which has no clusters/\(cluster).yaml"))
            }
        }
        return TemplateSet(sourceName: source.name, templates: templates, clusters: clusters, overrides: overrides,
                           groups: groups, loadProblems: loader.problems)
    }

    /// The rendered configuration of `template` (with its parents); throws the first problem.
    public func render(template: String) throws(TemplateError) -> AdministrationConfig {
        var renderer = TemplateRenderer(set: self)
        let config = renderer.render(template: template)
        if let problem = renderer.problems.first { throw problem }
        return config!
    }

    /// The rendered configuration of an administration of `cluster`, with its overlay when it has one.
    /// With `rendered`, the cluster's template rendering is taken as given (a cache), and only the overlay is applied.
    public func render(cluster name: String, administration: String? = nil, rendered: AdministrationConfig? = nil)
        throws(TemplateError) -> AdministrationConfig
    {
        guard let cluster = clusters[name] else {
            throw TemplateError("clusters/\(name).yaml", 0, "cluster '\(name)' does not exist",
                                hint: "known: " + clusters.keys.sorted().joined(separator: ", "))
        }
        var config: AdministrationConfig
        if let rendered { config = rendered } else { config = try render(template: cluster.template) }
        if let administration, let overlay = overrides[name]?[administration] {
            var renderer = TemplateRenderer(set: self)
            config = renderer.apply(overlay, to: config)
            if let problem = renderer.problems.first { throw problem }
        }
        return config
    }

    /// Every problem: files, inheritance, rendered contents, clusters and overlays, sorted by file and line.
    public func validate() -> [TemplateError] {
        var problems = loadProblems
        var renderer = TemplateRenderer(set: self)
        var rendered: [String: AdministrationConfig] = [:]
        for name in templates.keys.sorted() {
            if let config = renderer.render(template: name) { rendered[name] = config }
        }
        for cluster in clusters.values.sorted(by: { $0.name < $1.name }) {
            guard let config = rendered[cluster.template] else {
                if templates[cluster.template] == nil {
                    renderer.problems.append(TemplateError(cluster.file, 0, "cluster '\(cluster.name)' uses template "
                        + "'\(cluster.template)', which does not exist", hint: "known: " + templates.keys.sorted().joined(separator: ", ")))
                }
                continue
            }
            for overlay in (overrides[cluster.name] ?? [:]).values.sorted(by: { $0.administration < $1.administration }) {
                _ = renderer.apply(overlay, to: config)
            }
        }
        problems += renderer.problems
        problems += validateGroups(rendered: rendered)
        var seen = Set<TemplateError>()
        return problems.filter { seen.insert($0).inserted }.sorted { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
    }
}
