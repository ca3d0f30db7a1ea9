package com.modelregistry.common.text;

/** Rules shared by several request shapes. */
public final class TextRules {

    /** PostgreSQL text cannot hold U+0000, so it is refused at the door instead of failing in the database. */
    public static final String NO_NUL = "[^\\x{0}]*";
    public static final String NO_NUL_MESSAGE = "must not contain NUL characters";

    /**
     * Like {@code @NotBlank}, but lets null through for fields where null has its own rule, and counts as blank every
     * character that shows nothing: Unicode spaces (U+00A0, U+3000 …), line and paragraph separators, control and
     * format characters (zero-width space, byte-order mark). {@code \\S} alone knows only ASCII white space.
     */
    public static final String NOT_BLANK = "(?s).*[^\\p{IsWhite_Space}\\p{Z}\\p{Cc}\\p{Cf}].*";
    public static final String NOT_BLANK_MESSAGE = "must not be blank";

    private TextRules() {
    }
}
