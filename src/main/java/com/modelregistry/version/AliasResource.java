package com.modelregistry.version;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.http.Tagged;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The aliases of a model, such as production: any logged-in user resolves one (as a deployment does); the model's
 * owner or an admin points and removes them. "latest" resolves to the highest-numbered ready version, always.
 */
@Path("/models/{id}/aliases/{alias}")
@Tag(name = "Aliases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@SecurityRequirement(name = OpenApiSecurity.OAUTH2)
public class AliasResource {

    private static final String NAME = "a-z, 0-9, _ and -, starting with a letter, at most 63 characters";

    private final AliasService service;
    private final SecurityIdentity identity;

    public AliasResource(AliasService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** Creates the alias or moves it; answers the version it now points at. */
    @PUT
    public Uni<VersionView> point(@RestPath long id,
            @Parameter(description = NAME + "; not latest") @RestPath @AliasRules.Settable String alias,
            @Valid @NotNull AliasTarget body) {
        return service.point(Caller.of(identity), id, alias, body.number()).map(Tagged::view);
    }

    @GET
    public Uni<RestResponse<VersionView>> resolve(@RestPath long id,
            @Parameter(description = NAME + "; latest is the highest-numbered ready version")
            @RestPath @AliasRules.Name String alias) {
        return service.resolve(id, alias).map(Tagged::ok);
    }

    @DELETE
    public Uni<Void> delete(@RestPath long id,
            @Parameter(description = NAME + "; not latest") @RestPath @AliasRules.Settable String alias) {
        return service.remove(Caller.of(identity), id, alias);
    }
}
