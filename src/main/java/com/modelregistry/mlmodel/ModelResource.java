package com.modelregistry.mlmodel;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.Listing;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.common.paging.QueryParameters;
import com.modelregistry.common.http.Tagged;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The registry of all models: any logged-in user searches and reads; the owner or an admin changes and removes. */
@Path("/models")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@SecurityRequirement(name = OpenApiSecurity.OAUTH2)
public class ModelResource {

    private final ModelService service;
    private final SecurityIdentity identity;

    public ModelResource(ModelService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    public Uni<Listing<ModelView>> search(
            @Parameter(description = "Exact framework, ignoring case") @RestQuery String framework,
            @Parameter(description = "Only models with at least this accuracy (unscored models are left out)",
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "0", maximum = "1")) @RestQuery String minAccuracy,
            @Parameter(description = "Only this user's models", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @RestQuery String ownerId,
            @Parameter(description = "Part of the name, ignoring case") @RestQuery String q,
            @Parameter(description = "Order; ties by id descending, unscored models last", schema = @Schema(
                    enumeration = {"-createdAt", "createdAt", "-accuracy", "accuracy", "-name", "name"},
                    defaultValue = "-createdAt")) @RestQuery String sort,
            @Parameter(description = "Page index, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @RestQuery String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @RestQuery String size,
            @Parameter(description = Listing.AFTER) @RestQuery String after, UriInfo uri) {
        QueryParameters params = new QueryParameters();
        after = QueryParameters.presentEvenIfEmpty("after", after, uri);
        String frameworkFilter = params.text("framework", framework, 50);
        Double accuracyFloor = params.fraction("minAccuracy", minAccuracy);
        Long owner = params.id("ownerId", ownerId);
        String nameContains = params.text("q", q, 255);
        ModelSort order = sort == null ? ModelSort.NEWEST : ModelSort.fromParameter(sort).orElse(null);
        if (order == null) {
            params.reject("sort", "must be one of " + ModelSort.ALLOWED);
        }
        ModelSearch search = new ModelSearch(Frameworks.normalize(frameworkFilter), accuracyFloor, owner,
                nameContains, order);
        if (after != null) {
            KeysetRequest slice = keyset(params, after, page, size, order == null ? ModelSort.NEWEST : order);
            params.check();
            return service.searchAfter(search, slice).<Listing<ModelView>>map(keyset -> keyset);
        }
        PageRequest request = params.page(page, size);
        params.check();
        return service.search(search, request).<Listing<ModelView>>map(numbered -> numbered);
    }

    /** The keyset slice asked for, with the cursor's key checked against the order it claims. */
    static KeysetRequest keyset(QueryParameters params, String after, String page, String size, ModelSort order) {
        KeysetRequest slice = params.keyset(after, page, size, order.parameter());
        if (slice.after() != null && slice.after().order().equals(order.parameter())) {
            try {
                order.parseKey(slice.after().key());
            } catch (IllegalArgumentException tampered) {
                params.reject("after", "is not a cursor from this service; pass the next value of a previous answer");
            }
        }
        return slice;
    }

    @GET
    @Path("{id}")
    public Uni<RestResponse<ModelView>> get(@RestPath long id) {
        return service.get(id).map(Tagged::ok);
    }

    @PATCH
    @Path("{id}")
    public Uni<RestResponse<ModelView>> update(@RestPath long id, @Valid @NotNull ModelPatch body,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.update(Caller.of(identity), id, body, EntityTag.ifMatch(ifMatch)).map(Tagged::ok);
    }

    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@RestPath long id,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.delete(Caller.of(identity), id, EntityTag.ifMatch(ifMatch));
    }
}
