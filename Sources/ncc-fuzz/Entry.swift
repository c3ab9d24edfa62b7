import Foundation
import NCCFuzzTargets

#if FUZZING
    /// libFuzzer's entry point; the target comes from NCC_FUZZ_TARGET (bundle, csv, ics, theme).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
        let name = ProcessInfo.processInfo.environment["NCC_FUZZ_TARGET"] ?? "bundle"
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("NCC_FUZZ_TARGET must be one of bundle, csv, ics, theme")
        }
        target.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable's entry point under the module's name (`ncc_fuzz_main`), so
    /// libFuzzer's own `main` is never used: this one hands over to its driver.
    @_cdecl("ncc_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        var count = argc
        var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
        return runFuzzerDriver(&count, &arguments, fuzzOne)
    }
#else
    /// Without the fuzzer: `ncc-fuzz TARGET FILE...` replays inputs (a corpus, a crash) through the
    /// same target and prints what each got.
    @main
    struct Replay {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(Data("usage: ncc-fuzz bundle|csv|ics|theme FILE...\n".utf8))
                exit(2)
            }
            for path in arguments.dropFirst() {
                let data = FileManager.default.contents(atPath: path) ?? Data()
                print("\(path): \(target.run(data) ?? "accepted")")
            }
        }
    }
#endif
