package com.modelregistry.user;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.paging.Listing;
import com.modelregistry.common.paging.Paging;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.http.Tagged;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
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

/** Users over HTTP: registration is open to anyone; who may read, list, change and remove is UserService's rule. */
@Path("/users")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService service;
    private final SecurityIdentity identity;

    public UserResource(UserService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @PermitAll
    public Uni<RestResponse<UserView>> register(@Valid @NotNull NewUser body) {
        return service.register(body).map(user -> RestResponse.ResponseBuilder
                .<UserView>created(URI.create("/users/" + user.id()))
                .entity(user)
                .build());
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<Listing<UserView>> list(@Valid @BeanParam UserFilter filter, @Valid @BeanParam Paging paging) {
        Caller caller = Caller.of(identity);
        if (paging.byCursor()) {
            return service.listAfter(caller, filter.normalizedEmail(), paging.keyset(UserRepository.NEWEST))
                    .<Listing<UserView>>map(keyset -> keyset);
        }
        return service.list(caller, filter.normalizedEmail(), paging.pageRequest())
                .<Listing<UserView>>map(numbered -> numbered);
    }

    @GET
    @Path("me")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<UserView> me() {
        Caller caller = Caller.of(identity);
        return service.get(caller, caller.id(), false);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<RestResponse<UserView>> get(@RestPath long id, @Valid @BeanParam Expansion expansion) {
        if (expansion.models()) {
            // the user's ETag does not cover its models, so the expanded answer has none
            return service.get(Caller.of(identity), id, true).map(RestResponse::ok);
        }
        return service.getTagged(Caller.of(identity), id).map(Tagged::ok);
    }

    @PATCH
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<RestResponse<UserView>> update(@RestPath long id, @Valid @NotNull UserPatch body,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.update(Caller.of(identity), id, body, EntityTag.ifMatch(ifMatch)).map(Tagged::ok);
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<Void> delete(@RestPath long id,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.delete(Caller.of(identity), id, EntityTag.ifMatch(ifMatch));
    }
}
