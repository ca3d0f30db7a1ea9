package com.modelregistry.common.paging;

/** Which slice of a list the client asked for by position: the rows after a cursor (null: from the start). */
public record KeysetRequest(Cursor after, int size) {
}
