package com.modelregistry.common;

/** The caller is known but may not do this. */
public class ForbiddenException extends ApiException {

    public ForbiddenException(String detail) {
        super(detail, null);
    }

    @Override
    public int status() {
        return 403;
    }
}
