package com.modelregistry.mlmodel;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.paging.Listing;
import com.modelregistry.common.paging.Paging;
import com.modelregistry.common.http.OpenApiSecurity;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
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
    public Uni<Listing<ModelView>> list(@RestPath long userId, @Valid @BeanParam Paging paging) {
        if (paging.byCursor()) {
            return service.ownedByAfter(userId, paging.keyset(ModelSort.NEWEST.keyset()))
                    .<Listing<ModelView>>map(keyset -> keyset);
        }
        return service.ownedBy(userId, paging.pageRequest()).<Listing<ModelView>>map(numbered -> numbered);
    }
}
