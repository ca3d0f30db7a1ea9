package com.modelregistry.common.problem;

/** A request body that cannot be read at all, such as bytes that are not UTF-8. */
public class MalformedBody extends ApiException {

    public MalformedBody(String detail) {
        super(detail, null);
    }

    @Override
    public int status() {
        return 400;
    }
}
