/// A key as the app understands it, decoded by the backend from whatever the terminal sent.
public enum Key: Sendable, Hashable {
    case character(Character)
    /// Ctrl plus a letter, lower-case (`.control("s")` for Ctrl-S).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)
}

public enum MouseButton: Sendable, Hashable {
    case left, middle, right, wheelUp, wheelDown
}

public struct MouseEvent: Sendable, Hashable {
    public var button: MouseButton
    public var x: Int
    public var y: Int
    public init(button: MouseButton, x: Int, y: Int) {
        self.button = button
        self.x = x
        self.y = y
    }
}

/// Everything that can happen to the app: the only input of its update function.
public enum Event: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// About once a second with no input: time to look for changes made by another process.
    case tick
}
