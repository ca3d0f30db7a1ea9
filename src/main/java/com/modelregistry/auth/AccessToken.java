package com.modelregistry.auth;

/** The answer to a JSON login. */
public record AccessToken(String accessToken, String tokenType, long expiresIn) {
}
