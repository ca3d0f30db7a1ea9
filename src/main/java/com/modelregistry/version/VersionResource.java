package com.modelregistry.version;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.http.Tagged;
import com.modelregistry.common.paging.Listing;
import com.modelregistry.common.paging.Paging;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
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

    @GET
    public Uni<Listing<VersionView>> list(@RestPath long id, @Valid @BeanParam VersionFilter filter,
            @Valid @BeanParam Paging paging) {
        if (paging.byCursor()) {
            return service.listAfter(id, filter.status(), paging.keyset(VersionRepository.NEWEST))
                    .<Listing<VersionView>>map(keyset -> keyset);
        }
        return service.list(id, filter.status(), paging.pageRequest()).<Listing<VersionView>>map(numbered -> numbered);
    }

    @PATCH
    @Path("{version}")
    public Uni<RestResponse<VersionView>> update(@RestPath long id, @RestPath @Min(1) int version,
            @Valid @NotNull VersionPatch body,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.update(Caller.of(identity), id, version, body, EntityTag.ifMatch(ifMatch)).map(Tagged::ok);
    }

    @DELETE
    @Path("{version}")
    public Uni<Void> delete(@RestPath long id, @RestPath @Min(1) int version,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.delete(Caller.of(identity), id, version, EntityTag.ifMatch(ifMatch));
    }
}
