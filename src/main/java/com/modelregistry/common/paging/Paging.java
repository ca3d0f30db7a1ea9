package com.modelregistry.common.paging;

import com.modelregistry.common.http.CheckedQuery;
import com.modelregistry.common.problem.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Which slice of a list a client asks for: a numbered page, or the rows after a cursor (?after=, empty to start). */
@CheckedQuery
@RegisterForReflection
public record Paging(
        @Parameter(description = "Page index, from 0") @QueryParam("page") @Min(0) @Max(PageRequest.MAX_PAGE)
        Integer page,
        // the default is declared, not applied by JAX-RS: the document would then show it as a string
        @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER,
                defaultValue = "" + PageRequest.DEFAULT_SIZE))
        @QueryParam("size") @Min(1) @Max(PageRequest.MAX_SIZE) Integer size,
        @Parameter(description = AFTER) @QueryParam("after") String after,
        @Context UriInfo uri) implements CheckedQuery.Rules {

    static final String AFTER = "Continue after this cursor (the next field of a previous answer; empty to start): the"
            + " answer is then the next rows and a next cursor, without total, and costs the same however deep it goes."
            + " Cannot be combined with page.";

    /** Whether the client asked for the rows after a cursor, with an empty ?after= for the first ones. */
    public boolean byCursor() {
        // Quarkus REST reads ?after= as absent
        return after != null || uri.getQueryParameters().containsKey("after");
    }

    /** The numbered page asked for, the first one when none is given. */
    public PageRequest pageRequest() {
        return new PageRequest(page == null ? 0 : page, size());
    }

    /** The number of rows asked for, the default when none is given. */
    @Override
    public Integer size() {
        return size == null ? PageRequest.DEFAULT_SIZE : size;
    }

    /** The slice after the cursor, which must have been made for this order; 400 naming after when it was not. */
    public <E> KeysetRequest<E> keyset(KeysetOrder<E> order) {
        return new KeysetRequest<>(order, order.positionAfter(after), size());
    }

    @Override
    public List<Violation> violations() {
        return page != null && byCursor()
                ? List.of(new Violation("page", "cannot be combined with after; follow the next cursor instead"))
                : List.of();
    }
}
