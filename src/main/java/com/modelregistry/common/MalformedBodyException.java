package com.modelregistry.common;

/** A request body that cannot be read at all, such as bytes that are not UTF-8. */
public class MalformedBodyException extends ApiException {

    public MalformedBodyException(String detail) {
        super(detail, null);
    }

    @Override
    public int status() {
        return 400;
    }
}
