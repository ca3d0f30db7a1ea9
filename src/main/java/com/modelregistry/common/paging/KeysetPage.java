package com.modelregistry.common.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The rows after a cursor, and the cursor that continues after them (null at the end of the list). No total. */
@RegisterForReflection
public record KeysetPage<T>(List<T> items, int size,
        // always written, null included: it is what tells a keyset page from a numbered one
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "Pass as ?after= for the next rows; null when there are none", nullable = true) String next)
        implements Listing<T> {

    /**
     * Makes the page from up to size + 1 rows: the extra row, when there is one, only says that more follow.
     *
     * @param positionOf the cursor that points just after a row
     */
    public static <E, T> KeysetPage<T> of(List<E> rows, Function<E, T> view, int size, Function<E, Cursor> positionOf) {
        boolean more = rows.size() > size;
        List<E> shown = more ? rows.subList(0, size) : rows;
        String next = more ? positionOf.apply(shown.get(size - 1)).encode() : null;
        return new KeysetPage<>(shown.stream().map(view).toList(), size, next);
    }
}
