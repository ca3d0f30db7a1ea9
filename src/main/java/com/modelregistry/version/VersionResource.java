package com.modelregistry.version;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.http.Tagged;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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

/** The versions of a model: any logged-in user reads them; the model's owner or an admin records and changes them. */
@Path("/models/{id}/versions")
@Tag(name = "Versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@SecurityRequirement(name = OpenApiSecurity.OAUTH2)
public class VersionResource {

    private final VersionService service;
    private final SecurityIdentity identity;

    public VersionResource(VersionService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    public Uni<RestResponse<VersionView>> create(@RestPath long id, @Valid @NotNull NewVersion body) {
        return service.create(Caller.of(identity), id, body).map(created -> RestResponse.ResponseBuilder
                .<VersionView>created(URI.create("/models/" + id + "/versions/" + created.view().version()))
                .header(EntityTag.HEADER, EntityTag.of(created.version()))
                .entity(created.view())
                .build());
    }

    @GET
    @Path("{version}")
    public Uni<RestResponse<VersionView>> get(@RestPath long id, @RestPath @Min(1) int version) {
        return service.get(id, version).map(Tagged::ok);
    }
}
