import Foundation
import Testing
import Workflow

/// The seeded workflow simulation of issue 18: ≥ 1,000 random steps per seed, every invariant checked after each
/// step, the seed and step printed on failure so the run can be repeated.
@Suite struct WorkflowSimulationTests {
    static let steps = Int(ProcessInfo.processInfo.environment["LEDGEROPS_SIM_STEPS"] ?? "") ?? 1_000

    @Test(arguments: [UInt64(18), 4_242, 20_261_206])
    func theWorkflowHoldsItsInvariants(seed: UInt64) async throws {
        var sim = try await WorkflowSimulation(seed: seed)
        defer { sim.f.remove() }
        try await sim.run(Self.steps)
        let summary = sim.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        #expect(sim.violations.isEmpty, "seed \(seed), step \(sim.step): \(sim.violations.joined(separator: "; "))")
        #expect(sim.unexpected.isEmpty, "seed \(seed): \(sim.unexpected.joined(separator: "; "))")
        #expect(try await sim.verifyAudit(), "seed \(seed): audit verify failed")
        #expect(sim.step == Self.steps, "seed \(seed) stopped at step \(sim.step)")
        // It did exercise the workflow: distributions happened and some were interrupted.
        let applies = sim.applied.count
        print("simulation seed \(seed): \(sim.step) steps, \(applies) applies; \(summary)")
        #expect(applies > 20 && (sim.counts["killed"] ?? 0) + (sim.counts["sigkill"] ?? 0) > 0,
                "seed \(seed): too little happened: \(summary)")
    }

    /// A rule broken on purpose — distributions judging windows on a fixed day instead of the clock's, as the old
    /// timer did — is caught by the invariants, with the seed and the step.
    @Test func aBrokenRuleIsCaught() async throws {
        var sim = try await WorkflowSimulation(seed: 7, mutation: .distributeWithAFixedDay, start: "2027-01-25T09:00:00Z")
        defer { sim.f.remove() }
        try await sim.run(Self.steps)
        #expect(sim.violations.contains { $0.contains("inside a window") }, "seed 7: the mutant went unnoticed in \(sim.step) steps")
        print("mutant caught at step \(sim.step): \(sim.violations.first ?? "")")
    }
}
