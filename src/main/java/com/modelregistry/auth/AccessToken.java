package com.modelregistry.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to a JSON login. */
@RegisterForReflection
public record AccessToken(String accessToken, String tokenType, long expiresIn) {
}
