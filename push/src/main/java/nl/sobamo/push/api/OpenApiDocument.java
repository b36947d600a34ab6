package nl.sobamo.push.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.validation.Dataset;
import nl.sobamo.push.validation.FieldSpec;
import nl.sobamo.push.validation.PushValidator;

/**
 * The OpenAPI 3.0 document served at {@code /api/v1/openapi.json}, generated from the {@link Dataset} field specs
 * the validator uses, so documentation and validation cannot drift apart.
 */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {
    }

    public static ObjectNode build(PushApiConfig config) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "sobamo municipal push API");
        info.put("version", "1");
        info.put("description", "Municipalities deliver aggregate sociale-basis figures (budgets, visitor counts,"
                + " volunteers, smiley tallies, facilities). One API key per municipality; a key may only write its"
                + " own municipality. Aggregate data only: payloads with a BSN (11-proef), an e-mail address,"
                + " person-identifying fields or person-level counts are refused with 422 and nothing is stored."
                + " Limits: body " + config.maxBodyBytes() + " bytes, " + config.maxBatchRecords()
                + " records per request, " + config.rateLimitPerMinute() + " requests/minute per key (burst "
                + config.rateLimitBurst() + "). A 202 receipt is sent only after Kafka acknowledged every record."
                + " Records with the same logical key supersede each other (PUT for corrections).");
        ObjectNode security = doc.putObject("components").putObject("securitySchemes");
        security.putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "Authorization: Bearer sbm.<keyId>.<secret>");
        security.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "X-API-Key");
        ArrayNode sec = doc.putArray("security");
        sec.addObject().putArray("bearer");
        sec.addObject().putArray("apiKey");

        ObjectNode schemas = ((ObjectNode) doc.get("components")).putObject("schemas");
        schemas.set("Receipt", receiptSchema());
        schemas.set("Error", errorSchema());
        ObjectNode paths = doc.putObject("paths");
        for (Dataset dataset : Dataset.values()) {
            String name = Character.toUpperCase(dataset.id().charAt(0)) + dataset.id().substring(1) + "Record";
            schemas.set(name, recordSchema(dataset));
            ObjectNode path = paths.putObject("/api/v1/municipalities/{municipality}/" + dataset.id());
            path.set("post", operation(dataset, name, "Deliver " + dataset.id() + " (one record or a batch)"));
            path.set("put", operation(dataset, name, "Correct " + dataset.id()
                    + " (same logical key supersedes the earlier value)"));
        }
        ObjectNode health = paths.putObject("/health").putObject("get");
        health.put("summary", "Liveness of the push API").putArray("security");
        health.putObject("responses").putObject("200").put("description", "{\"status\":\"UP\"}");
        ObjectNode openapi = paths.putObject("/api/v1/openapi.json").putObject("get");
        openapi.put("summary", "This document").putArray("security");
        openapi.putObject("responses").putObject("200").put("description", "OpenAPI 3.0 document");
        return doc;
    }

    private static ObjectNode operation(Dataset dataset, String schemaName, String summary) {
        ObjectNode op = JSON.createObjectNode();
        op.put("summary", summary);
        op.put("description", dataset.description() + ". Logical key (record id push/" + dataset.id()
                + "/<GM####>/<key>): " + logicalKeyText(dataset) + ".");
        ArrayNode params = op.putArray("parameters");
        ObjectNode gm = params.addObject();
        gm.put("name", "municipality").put("in", "path").put("required", true)
                .put("description", "municipality code, e.g. GM0166 (Kampen)");
        gm.putObject("schema").put("type", "string").put("pattern", "^GM[0-9]{4}$");
        ObjectNode idem = params.addObject();
        idem.put("name", "Idempotency-Key").put("in", "header").put("required", false)
                .put("description", "retrying with the same key and body returns the first receipt and writes"
                        + " nothing twice");
        idem.putObject("schema").put("type", "string").put("pattern", "^[A-Za-z0-9._:-]{1,128}$");
        ObjectNode body = op.putObject("requestBody");
        body.put("required", true);
        ObjectNode schema = body.putObject("content").putObject("application/json").putObject("schema");
        ArrayNode oneOf = schema.putArray("oneOf");
        oneOf.addObject().put("$ref", "#/components/schemas/" + schemaName);
        ObjectNode array = oneOf.addObject();
        array.put("type", "array").put("minItems", 1);
        array.putObject("items").put("$ref", "#/components/schemas/" + schemaName);
        ObjectNode responses = op.putObject("responses");
        responses.set("202", response("accepted: every record acknowledged by Kafka", "Receipt"));
        String[][] errors = {
                {"400", "malformed JSON, municipality code or Idempotency-Key"},
                {"401", "no or wrong API key"},
                {"403", "the key belongs to another municipality"},
                {"404", "unknown municipality or dataset"},
                {"409", "a request with the same Idempotency-Key is in progress"},
                {"413", "body or batch too large"},
                {"422", "validation failed or personal data found: nothing stored"},
                {"429", "rate limit: see Retry-After"},
                {"503", "Kafka unavailable: nothing acknowledged, retry with the same Idempotency-Key"}};
        for (String[] e : errors) {
            responses.set(e[0], response(e[1], "Error"));
        }
        return op;
    }

    private static ObjectNode response(String description, String schema) {
        ObjectNode r = JSON.createObjectNode();
        r.put("description", description);
        r.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/" + schema);
        return r;
    }

    private static ObjectNode recordSchema(Dataset dataset) {
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "object").put("description", dataset.description()).put("additionalProperties", false);
        ArrayNode required = s.putArray("required");
        ObjectNode props = s.putObject("properties");
        for (FieldSpec f : dataset.fields()) {
            ObjectNode p = props.putObject(f.name());
            p.put("type", f.type().jsonType());
            p.put("description", f.description() + " (" + f.type().description() + ")");
            switch (f.type()) {
                case ENUM -> f.values().forEach(p.putArray("enum")::add);
                case DATE -> p.put("format", "date");
                case YEAR -> p.put("minimum", 2000).put("maximum", 2100);
                case COUNT, DECIMAL, AMOUNT -> p.put("minimum", 0);
                case ID -> p.put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
                case AREA -> p.put("pattern", "^(GM[0-9]{4}|WK[0-9]{4}[0-9A-Z]{2}|BU[0-9]{4}[0-9A-Z]{4})$");
                case TEXT -> p.put("minLength", 1).put("maxLength", 200);
                default -> {
                }
            }
            if (f.max() != null) {
                p.put("maximum", f.max());
            }
            if (f.required()) {
                required.add(f.name());
            }
        }
        if (dataset == Dataset.EXPERIENCE) {
            s.put("description", dataset.description() + ". Statement counts may also be nested:"
                    + " {\"satisfied\":{\"positive\":40,\"neutral\":5,\"negative\":2}}. respondents is 0 or at least "
                    + PushValidator.MIN_RESPONDENTS + ".");
        }
        return s;
    }

    private static String logicalKeyText(Dataset dataset) {
        return switch (dataset) {
            case BUDGET -> "year/kind/category (or taakveld-<taakveld>)";
            case VISITORS -> "facilityId/periodStart/periodEnd";
            case VOLUNTEERS -> "organisation (slug)/areaCode/periodStart/periodEnd";
            case EXPERIENCE -> "service/areaCode/periodStart/periodEnd";
            case FACILITIES -> "facilityId/year";
        };
    }

    private static ObjectNode receiptSchema() {
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "object");
        ObjectNode p = s.putObject("properties");
        for (String f : new String[] {"receiptId", "municipality", "dataset", "operation", "idempotencyKey",
                "acceptedAt", "topic"}) {
            p.putObject(f).put("type", "string");
        }
        p.putObject("count").put("type", "integer");
        p.putObject("recordIds").put("type", "array").putObject("items").put("type", "string");
        return s;
    }

    private static ObjectNode errorSchema() {
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "object");
        ObjectNode p = s.putObject("properties");
        p.putObject("status").put("type", "integer");
        p.putObject("error").put("type", "string");
        p.putObject("message").put("type", "string");
        ObjectNode v = p.putObject("violations").put("type", "array").putObject("items");
        v.put("type", "object");
        ObjectNode vp = v.putObject("properties");
        vp.putObject("record").put("type", "integer").put("description", "index in the batch (absent: whole request)");
        vp.putObject("field").put("type", "string");
        vp.putObject("rule").put("type", "string");
        vp.putObject("message").put("type", "string");
        return s;
    }

}
