package com.modelregistry.common.http;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlow;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlows;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Declares the API's two ways to present a token: a bearer JWT pasted in, or the OAuth2 password flow through
 * {@code POST /auth/token}, which lets Swagger UI log in. Each protected operation accepts either.
 */
@OpenAPIDefinition(info = @Info(title = "Model Registry", version = "1.0",
        description = "Users and the machine-learning models they train"), tags = {
        @Tag(name = "Login", description = "Trading a username and password for a bearer token"),
        @Tag(name = "Users", description = "Registration and the accounts of the registry"),
        @Tag(name = "Models", description = "The machine-learning models users record")})
@SecurityScheme(securitySchemeName = OpenApiSecurity.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
@SecurityScheme(securitySchemeName = OpenApiSecurity.OAUTH2, type = SecuritySchemeType.OAUTH2,
        flows = @OAuthFlows(password = @OAuthFlow(tokenUrl = "/auth/token")))
public class OpenApiSecurity extends Application {

    public static final String BEARER = "bearer";
    public static final String OAUTH2 = "oauth2";
}
