package com.modelregistry.common.problem;

/** The caller could not be identified: no, a bad or a revoked token, or wrong login credentials. */
public class Unauthenticated extends ApiException {

    public Unauthenticated(String detail) {
        super(detail, null);
    }

    @Override
    public int status() {
        return 401;
    }
}
