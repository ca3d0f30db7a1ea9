package com.modelregistry.login;

import com.modelregistry.auth.AccessToken;
import com.modelregistry.common.paging.QueryParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

/** Login: a JSON body, or the OAuth2 password grant as a form (which Swagger UI's Authorize button sends). */
@Path("/auth/token")
@Tag(name = "Login")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final LoginService logins;
    private final ClientAddresses clients;

    public TokenResource(LoginService logins, ClientAddresses clients) {
        this.logins = logins;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AccessToken> login(@Valid @NotNull LoginRequest body, @Context HttpServerRequest request) {
        return logins.login(body.username(), body.password(), clients.of(request));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<OAuth2TokenResponse> passwordGrant(@RestForm("grant_type") String grantType,
            @RestForm String username, @RestForm String password, @Context HttpServerRequest request) {
        QueryParameters form = new QueryParameters();
        if (!"password".equals(grantType)) {
            form.reject("grant_type", "must be password");
        }
        String name = form.text("username", username, 255);
        if (name == null && username == null) {
            form.reject("username", "must not be null");
        }
        if (password == null) {
            form.reject("password", "must not be null");
        }
        form.check();
        return logins.login(name, password, clients.of(request)).map(OAuth2TokenResponse::of);
    }
}
