package com.modelregistry.common.paging;

import com.modelregistry.common.text.NumberText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A position in an ordered list, handed to clients as an opaque string: the order it was made for, the sort key of
 * the last row seen (null for a row without one, such as an unscored model) and that row's id, which breaks ties.
 */
public record Cursor(String order, String key, long id) {

    private static final String VERSION = "1";
    private static final String SEPARATOR = "\n";

    public String encode() {
        String text = String.join(SEPARATOR, VERSION, order, Long.toString(id), key == null ? "" : "=" + key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in this text, or empty when the text is not a cursor this service made. */
    public static Optional<Cursor> decode(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = decoded.split(SEPARATOR, 4);
            if (parts.length != 4 || !parts[0].equals(VERSION) || decoded.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            long id = NumberText.whole(parts[2]).orElse(0);
            if (id <= 0 || !(parts[3].isEmpty() || parts[3].startsWith("="))) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(parts[1], parts[3].isEmpty() ? null : parts[3].substring(1), id));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
