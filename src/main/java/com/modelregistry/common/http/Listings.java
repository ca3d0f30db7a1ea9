package com.modelregistry.common.http;

import static org.eclipse.microprofile.openapi.OASFactory.createSchema;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The list answers as a client can read them: {@code ListingModelView} becomes one of {@code ModelViewPage} and
 * {@code ModelViewKeysetPage}, each with typed items and the properties only it has required (a page its page and
 * totals, a keyset page its next cursor, null at the end), so that no body validates as both. The generic
 * {@code Page}, {@code KeysetPage} and {@code Listing} that the scanner derives from the Java types then go.
 */
final class Listings {

    private static final String LISTING = "Listing";
    private static final List<String> PAGE_REQUIRED = List.of("items", "page", "size", "total", "totalPages");
    private static final List<String> KEYSET_REQUIRED = List.of("items", "size", "next");

    private Listings() {
    }

    static void declare(Components components) {
        Map<String, Schema> schemas = components.getSchemas();
        Schema page = schemas.get("Page");
        Schema keyset = schemas.get("KeysetPage");
        if (page == null || keyset == null) {
            return;
        }
        for (String name : List.copyOf(schemas.keySet())) {
            String element = name.substring(Math.min(name.length(), LISTING.length()));
            if (!name.startsWith(LISTING) || !schemas.containsKey(element)) {
                continue;
            }
            components.addSchema(element + "Page", typed(page, element, PAGE_REQUIRED,
                    "One numbered page, with the total count of the whole list"));
            components.addSchema(element + "KeysetPage", typed(keyset, element, KEYSET_REQUIRED,
                    "The rows after a cursor and the cursor that continues after them (null at the end); no total"));
            schemas.get(name).setOneOf(List.of(ProblemResponses.ref(element + "Page"),
                    ProblemResponses.ref(element + "KeysetPage")));
        }
        components.removeSchema(LISTING);
        components.removeSchema("Page");
        components.removeSchema("KeysetPage");
    }

    private static Schema typed(Schema generic, String element, List<String> required, String description) {
        Schema typed = createSchema().addType(SchemaType.OBJECT).description(description).required(required);
        generic.getProperties().forEach((property, schema) -> typed.addProperty(property, property.equals("items")
                ? createSchema().addType(SchemaType.ARRAY).items(ProblemResponses.ref(element))
                : schema));
        return typed;
    }
}
