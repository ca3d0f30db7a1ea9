package com.modelregistry.login;

import com.modelregistry.auth.AccessToken;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to an OAuth2 password grant, in the names RFC 6749 prescribes (what Swagger UI reads). */
@RegisterForReflection
public record OAuth2TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    static OAuth2TokenResponse of(AccessToken token) {
        return new OAuth2TokenResponse(token.accessToken(), token.tokenType(), token.expiresIn());
    }
}
