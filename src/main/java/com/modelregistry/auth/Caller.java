package com.modelregistry.auth;

import com.modelregistry.common.problem.Forbidden;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is making the request, as its verified token says: the user id and whether the user is an admin. */
public record Caller(long id, boolean admin) {

    public static Caller of(SecurityIdentity identity) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        return new Caller(Long.parseLong(token.getSubject()), identity.hasRole(Roles.ADMIN));
    }

    public boolean mayActFor(long userId) {
        return admin || id == userId;
    }

    /** Refuses a caller who is not an admin. */
    public void requireAdmin(String what) {
        if (!admin) {
            throw new Forbidden("Only an admin may " + what);
        }
    }

    /** Refuses, before anything is read or written, a caller who is neither that user nor an admin. */
    public void requireSelfOrAdmin(long userId) {
        if (!mayActFor(userId)) {
            throw new Forbidden("Only user " + userId + " or an admin may do this");
        }
    }
}
