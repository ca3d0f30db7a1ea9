package com.modelregistry.mlmodel;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.Listing;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.common.paging.QueryParameters;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The models of one user: the user or an admin records a new one; any logged-in user lists them. */
@Path("/users/{userId}/models")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@SecurityRequirement(name = OpenApiSecurity.OAUTH2)
public class UserModelsResource {

    private final ModelService service;
    private final SecurityIdentity identity;

    public UserModelsResource(ModelService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    public Uni<RestResponse<ModelView>> create(@RestPath long userId, @Valid @NotNull NewModel body) {
        return service.create(Caller.of(identity), userId, body).map(model -> RestResponse.ResponseBuilder
                .<ModelView>created(URI.create("/models/" + model.id()))
                .entity(model)
                .build());
    }

    @GET
    public Uni<Listing<ModelView>> list(@RestPath long userId,
            @Parameter(description = "Page index, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @RestQuery String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @RestQuery String size,
            @Parameter(description = Listing.AFTER) @RestQuery String after, UriInfo uri) {
        QueryParameters params = new QueryParameters();
        after = QueryParameters.presentEvenIfEmpty("after", after, uri);
        if (after != null) {
            KeysetRequest slice = ModelResource.keyset(params, after, page, size, ModelSort.NEWEST);
            params.check();
            return service.ownedByAfter(userId, slice).<Listing<ModelView>>map(keyset -> keyset);
        }
        PageRequest request = params.page(page, size);
        params.check();
        return service.ownedBy(userId, request).<Listing<ModelView>>map(numbered -> numbered);
    }
}
