package com.modelregistry.common.http;

/** A value of a closed set that a query parameter names by its own text, such as {@code sort=-createdAt}. */
public interface QueryValue {

    /** The text a client writes for this value. */
    String parameter();
}
