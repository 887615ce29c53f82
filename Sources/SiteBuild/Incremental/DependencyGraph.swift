/// Which inputs each output read when it was last rendered, and the reverse, so a
/// change to some inputs names exactly the outputs to render again.
public struct DependencyGraph: Sendable {
    private var inputsByOutput: [String: Set<BuildInput>] = [:]
    private var outputsByInput: [BuildInput: Set<String>] = [:]

    public init() {}

    /// Records that `output` read `inputs`, replacing what it read before.
    public mutating func record(_ output: String, reads inputs: Set<BuildInput>) {
        if let old = inputsByOutput[output] {
            if old == inputs { return }
            for input in old.subtracting(inputs) { outputsByInput[input]?.remove(output) }
            for input in inputs.subtracting(old) { outputsByInput[input, default: []].insert(output) }
        } else {
            for input in inputs { outputsByInput[input, default: []].insert(output) }
        }
        inputsByOutput[output] = inputs
    }

    /// Forgets an output that the build no longer writes.
    public mutating func remove(_ output: String) {
        guard let old = inputsByOutput.removeValue(forKey: output) else { return }
        for input in old { outputsByInput[input]?.remove(output) }
    }

    /// Every output that read at least one of `inputs`.
    public func outputs(reading inputs: some Sequence<BuildInput>) -> Set<String> {
        var found: Set<String> = []
        var listings = false
        for input in inputs {
            found.formUnion(outputsByInput[input] ?? [])
            if case .listing = input { listings = true }
        }
        if listings { found.formUnion(outputsByInput[.everyListing] ?? []) }
        return found
    }

    /// What `output` read, if it is known.
    public func inputs(of output: String) -> Set<BuildInput>? { inputsByOutput[output] }

    /// Every output recorded.
    public var outputs: Dictionary<String, Set<BuildInput>>.Keys { inputsByOutput.keys }
}
