package com.modelregistry.common.paging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One slice of a list: a numbered page with the total, or the rows after a cursor with the cursor of the next ones. */
// declared as this interface, a slice is still written as what it is, with no type name added
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(Page.class), @JsonSubTypes.Type(KeysetPage.class)})
@Schema(oneOf = {Page.class, KeysetPage.class})
public sealed interface Listing<T> permits Page, KeysetPage {

    List<T> items();
}
