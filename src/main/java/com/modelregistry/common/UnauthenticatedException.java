package com.modelregistry.common;

/** The caller could not be identified: no, a bad or a revoked token, or wrong login credentials. */
public class UnauthenticatedException extends ApiException {

    public UnauthenticatedException(String detail) {
        super(detail, null);
    }

    @Override
    public int status() {
        return 401;
    }
}
