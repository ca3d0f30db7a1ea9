package com.modelregistry.login;

import com.modelregistry.auth.AccessToken;
import com.modelregistry.common.problem.InvalidInput;
import com.modelregistry.common.problem.Violation;
import com.modelregistry.common.text.TextRules;
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
import java.util.ArrayList;
import java.util.List;
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
        // every problem of the form in one 400, as Bean Validation reports a JSON body's
        List<Violation> violations = new ArrayList<>();
        if (!"password".equals(grantType)) {
            violations.add(new Violation("grant_type", "must be password"));
        }
        if (username == null) {
            violations.add(new Violation("username", "must not be null"));
        } else if (username.isEmpty() || username.length() > 255) {
            violations.add(new Violation("username", "must be 1 to 255 characters"));
        } else if (username.indexOf('\0') >= 0) {
            violations.add(new Violation("username", TextRules.NO_NUL_MESSAGE));
        }
        if (password == null) {
            violations.add(new Violation("password", "must not be null"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return logins.login(username, password, clients.of(request)).map(OAuth2TokenResponse::of);
    }
}
