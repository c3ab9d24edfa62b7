// The shipped themes, embedded so an installed binary needs no source tree. Generated from
// themes/*.toml by .ci/embed-themes; ThemeTests checks that the two never drift apart.
enum BuiltInThemes {
    static let files: [String: String] = [
        "default": #"""
        # ncc theme "default": for dark terminals; the terminal's own background shows through.
        # The layout is Helix's: semantic keys at the top, colours named in [palette] at the end.
        # A style is a colour (its foreground) or { fg = "...", bg = "...", modifiers = [...] }.
        # Colours: a [palette] name, an ANSI name (black, red, ..., light-red, ...), "#rrggbb",
        # a number 0-255, or "default". Modifiers: bold, dim, italic, underlined, reversed.
        # Another theme can start from this one with `inherits = "default"`.

        "ui.text" = "default"                                   # ordinary text
        "ui.text.dim" = "muted"                                 # hints, closed and done records
        "ui.tab" = "muted"                                      # pane tabs
        "ui.tab.active" = { fg = "accent", modifiers = ["bold", "underlined"] }
        "ui.header" = { fg = "accent", modifiers = ["bold"] }   # table column titles, detail headings
        "ui.title" = { fg = "title", modifiers = ["bold"] }     # list and record titles
        "ui.border" = "muted"                                   # the line between list and detail
        "ui.border.focus" = "accent"                            # frames of dialogs
        "ui.selection" = { fg = "black", bg = "accent" }        # the selected row where the keys go
        "ui.selection.inactive" = { modifiers = ["reversed"] }  # the selected row elsewhere
        "ui.footer" = "default"                                 # the key bar
        "ui.footer.key" = { fg = "accent", modifiers = ["bold"] }
        "ui.footer.text" = "muted"
        "ui.statusline" = "default"                             # the message line
        "ui.match" = { fg = "warn", modifiers = ["bold"] }      # matched words in filters and search
        "ui.bar" = "accent"                                     # bar charts
        "ui.popup" = { bg = "panel" }                           # dialogs, help and forms
        "ui.popup.title" = { fg = "accent", modifiers = ["bold"] }
        "ui.input" = { bg = "field" }                           # a text field
        "ui.input.focus" = { bg = "field.focus", modifiers = ["underlined"] }
        "ui.cursor" = { modifiers = ["reversed"] }
        "info" = "good"                                         # confirmations
        "warning" = "warn"                                      # overdue tasks, cautions
        "error" = { fg = "bad", modifiers = ["bold"] }          # refusals and field errors

        [palette]
        accent = "#5fafd7"
        title = "#87d7ff"
        muted = "#8a8a8a"
        warn = "#d7af00"
        bad = "#ff5f5f"
        good = "#5faf5f"
        panel = "#1c1c1c"
        field = "#303030"
        "field.focus" = "#3a3a3a"
        """#,
        "high-contrast": #"""
        # ncc theme "high-contrast": bright colours, bold text and no dim greys, for projectors and
        # sunny rooms at events.
        inherits = "default"

        "ui.text.dim" = "white"
        "ui.tab" = "white"
        "ui.tab.active" = { fg = "black", bg = "light-yellow", modifiers = ["bold"] }
        "ui.selection" = { fg = "black", bg = "light-yellow", modifiers = ["bold"] }
        "ui.selection.inactive" = { fg = "black", bg = "white" }
        "ui.footer.key" = { fg = "black", bg = "light-cyan", modifiers = ["bold"] }
        "ui.footer.text" = "white"
        "ui.popup" = { fg = "white", bg = "black" }
        "ui.input" = { fg = "white", bg = "blue" }
        "ui.input.focus" = { fg = "black", bg = "light-cyan" }
        "warning" = { fg = "light-yellow", modifiers = ["bold"] }
        "error" = { fg = "light-red", modifiers = ["bold", "underlined"] }

        [palette]
        accent = "light-cyan"
        title = "light-white"
        muted = "white"
        warn = "light-yellow"
        bad = "light-red"
        good = "light-green"
        """#,
        "light": #"""
        # ncc theme "light": the default theme's roles in colours that read on a light background.
        inherits = "default"

        "ui.selection" = { fg = "white", bg = "accent" }

        [palette]
        accent = "#005f87"
        title = "#00005f"
        muted = "#6c6c6c"
        warn = "#af5f00"
        bad = "#af0000"
        good = "#005f00"
        panel = "#eeeeee"
        field = "#e4e4e4"
        "field.focus" = "#d0d0d0"
        """#,
        "monochrome": #"""
        # ncc theme "monochrome": attributes only (bold, reverse, underline), for terminals without
        # colour; NO_COLOR selects it whatever theme was asked for.

        "ui.text" = {}
        "ui.text.dim" = { modifiers = ["dim"] }
        "ui.tab" = {}
        "ui.tab.active" = { modifiers = ["bold", "underlined"] }
        "ui.header" = { modifiers = ["bold"] }
        "ui.title" = { modifiers = ["bold"] }
        "ui.border" = {}
        "ui.border.focus" = { modifiers = ["bold"] }
        "ui.selection" = { modifiers = ["reversed"] }
        "ui.selection.inactive" = { modifiers = ["underlined"] }
        "ui.footer" = {}
        "ui.footer.key" = { modifiers = ["bold"] }
        "ui.footer.text" = {}
        "ui.statusline" = {}
        "ui.match" = { modifiers = ["bold", "underlined"] }
        "ui.bar" = { modifiers = ["reversed"] }
        "ui.popup" = {}
        "ui.popup.title" = { modifiers = ["bold"] }
        "ui.input" = { modifiers = ["underlined"] }
        "ui.input.focus" = { modifiers = ["reversed"] }
        "ui.cursor" = { modifiers = ["reversed"] }
        "info" = {}
        "warning" = { modifiers = ["bold"] }
        "error" = { modifiers = ["bold", "reversed"] }
        """#,
    ]
}
