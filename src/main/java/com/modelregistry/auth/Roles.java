package com.modelregistry.auth;

/** The roles a token carries in its groups claim; a user has exactly one. */
public final class Roles {

    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
