import Screen

/// Maps a theme colour to what a terminal has: direct RGB, the 256-colour palette, 16 or 8
/// colours. Pure, so it is tested without a terminal.
public enum ColorMapping {
    /// The ncurses colour number for a colour, -1 for the terminal's default.
    public static func index(_ color: Color, colors: Int, direct: Bool) -> Int32 {
        switch color {
        case .default: return -1
        case .ansi(let n): return Int32(colors >= 16 ? Int(n) : Int(n) % 8)
        case .indexed(let n):
            if colors >= 256 { return Int32(n) }
            return Int32(nearestBasic(rgb(ofIndexed: n), colors: colors))
        case .rgb(let r, let g, let b):
            if direct { return Int32(Int(r) << 16 | Int(g) << 8 | Int(b)) }
            if colors >= 256 { return Int32(nearest256(r, g, b)) }
            return Int32(nearestBasic((r, g, b), colors: colors))
        }
    }

    static let cube: [Int] = [0, 95, 135, 175, 215, 255]

    /// The nearest entry of the 6x6x6 cube or of the grey ramp of the 256-colour palette.
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func step(_ v: UInt8) -> Int { cube.indices.min(by: { abs(cube[$0] - Int(v)) < abs(cube[$1] - Int(v)) })! }
        let (ri, gi, bi) = (step(r), step(g), step(b))
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = distance((cube[ri], cube[gi], cube[bi]), (Int(r), Int(g), Int(b)))
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let grey = 8 + greyStep * 10
        let greyDistance = distance((grey, grey, grey), (Int(r), Int(g), Int(b)))
        return greyDistance < cubeDistance ? 232 + greyStep : cubeIndex
    }

    /// The 16 ANSI colours as xterm draws them.
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    public static func nearestBasic(_ rgb: (UInt8, UInt8, UInt8), colors: Int) -> Int {
        let count = colors >= 16 ? 16 : 8
        let target = (Int(rgb.0), Int(rgb.1), Int(rgb.2))
        return (0..<count).min(by: { distance(basic[$0], target) < distance(basic[$1], target) })!
    }

    static func rgb(ofIndexed n: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(n)
        if i < 16 {
            let c = basic[i]
            return (UInt8(c.0), UInt8(c.1), UInt8(c.2))
        }
        if i >= 232 {
            let v = UInt8(8 + (i - 232) * 10)
            return (v, v, v)
        }
        let c = i - 16
        return (UInt8(cube[c / 36]), UInt8(cube[c / 6 % 6]), UInt8(cube[c % 6]))
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        // Weighted by how the eye sees the channels.
        let dr = a.0 - b.0
        let dg = a.1 - b.1
        let db = a.2 - b.2
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}
