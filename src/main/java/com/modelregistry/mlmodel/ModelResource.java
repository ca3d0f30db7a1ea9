package com.modelregistry.mlmodel;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.paging.Listing;
import com.modelregistry.common.paging.Paging;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.http.Tagged;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
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
    public Uni<Listing<ModelView>> search(@Valid @BeanParam ModelFilter filter, @Valid @BeanParam Paging paging) {
        ModelSearch search = filter.search();
        if (paging.byCursor()) {
            return service.searchAfter(search, paging.keyset(search.sort().keyset()))
                    .<Listing<ModelView>>map(keyset -> keyset);
        }
        return service.search(search, paging.pageRequest()).<Listing<ModelView>>map(numbered -> numbered);
    }

    @GET
    @Path("{id}")
    public Uni<RestResponse<ModelView>> get(@RestPath long id, @Valid @BeanParam ModelExpansion expansion) {
        if (expansion.versions()) {
            // the model's ETag does not cover its versions, so the expanded answer has none
            return service.getWithVersions(id).map(RestResponse::ok);
        }
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
