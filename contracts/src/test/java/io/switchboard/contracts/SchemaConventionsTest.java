package io.switchboard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Type;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules every value schema follows; see docs/topics.md. */
class SchemaConventionsTest {

    @ParameterizedTest
    @EnumSource(Topic.class)
    void envelopeHasTheHeaderFieldsAndAPayloadUnionOfRecords(Topic topic) {
        Schema envelope = topic.valueSchema();
        assertEquals(List.of("eventId", "eventType", "subject", "occurredAt", "producer", "correlationId", "payload"),
                envelope.getFields().stream().map(Schema.Field::name).toList());
        for (String name : List.of("eventId", "eventType", "subject", "producer")) {
            assertEquals(Type.STRING, envelope.getField(name).schema().getType(), name);
        }
        Schema occurredAt = envelope.getField("occurredAt").schema();
        assertEquals(LogicalTypes.timestampMillis(), occurredAt.getLogicalType());

        Schema.Field correlationId = envelope.getField("correlationId");
        assertEquals(List.of(Type.NULL, Type.STRING),
                correlationId.schema().getTypes().stream().map(Schema::getType).toList());
        assertEquals(JsonProperties.NULL_VALUE, correlationId.defaultVal());

        Schema payload = envelope.getField(Topic.PAYLOAD_FIELD).schema();
        assertEquals(Type.UNION, payload.getType());
        for (Schema event : payload.getTypes()) {
            assertEquals(Type.RECORD, event.getType(), event.toString());
            assertEquals(envelope.getNamespace(), event.getNamespace(), event.getName());
        }
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void namespaceIsOnePerStream(Topic topic) {
        String stream = topic.topicName().split("\\.")[1];
        assertEquals("io.switchboard.contracts." + stream, topic.valueSchema().getNamespace());
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void noFloatingPointAnywhere(Topic topic) {
        forEveryType(topic.valueSchema(), schema ->
                assertTrue(schema.getType() != Type.DOUBLE && schema.getType() != Type.FLOAT,
                        "floating point in " + topic.topicName() + ": " + schema));
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyOptionalFieldIsNullFirstAndDefaultsToNull(Topic topic) {
        forEveryField(topic.valueSchema(), (record, field) -> {
            Schema type = field.schema();
            if (type.getType() == Type.UNION && type.getTypes().stream().anyMatch(t -> t.getType() == Type.NULL)) {
                String where = record.getName() + "." + field.name();
                assertEquals(2, type.getTypes().size(), where);
                assertEquals(Type.NULL, type.getTypes().get(0).getType(), where);
                assertEquals(JsonProperties.NULL_VALUE, field.defaultVal(), where + " must default to null");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyRecordAndFieldIsDocumented(Topic topic) {
        forEveryType(topic.valueSchema(), schema -> {
            if (schema.getType() == Type.RECORD || schema.getType() == Type.ENUM) {
                assertTrue(hasText(schema.getDoc()), schema.getFullName() + " has no doc");
            }
        });
        forEveryField(topic.valueSchema(), (record, field) ->
                assertTrue(hasText(field.doc()), record.getName() + "." + field.name() + " has no doc"));
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyEnumHasTheUnknownFallbackAsDefault(Topic topic) {
        forEveryType(topic.valueSchema(), schema -> {
            if (schema.getType() == Type.ENUM) {
                assertEquals("UNKNOWN", schema.getEnumDefault(), schema.getFullName());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void moneyAndTimesUseLogicalTypes(Topic topic) {
        forEveryType(topic.valueSchema(), schema -> {
            if (schema.getType() == Type.RECORD && schema.getName().equals("Money")) {
                var decimal = (LogicalTypes.Decimal) schema.getField("amount").schema().getLogicalType();
                assertNotNull(decimal);
                assertEquals(18, decimal.getPrecision());
                assertEquals(2, decimal.getScale());
            }
        });
        forEveryField(topic.valueSchema(), (record, field) -> {
            if (field.name().endsWith("At")) {
                Schema type = field.schema().isNullable() ? field.schema().getTypes().get(1) : field.schema();
                assertEquals(LogicalTypes.timestampMillis(), type.getLogicalType(), record.getName() + "." + field.name());
            }
        });
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static void forEveryType(Schema root, Consumer<Schema> check) {
        visit(root, new HashSet<>(), check);
    }

    private static void forEveryField(Schema root, java.util.function.BiConsumer<Schema, Schema.Field> check) {
        List<Schema> records = new ArrayList<>();
        forEveryType(root, s -> {
            if (s.getType() == Type.RECORD) {
                records.add(s);
            }
        });
        records.forEach(record -> record.getFields().forEach(field -> check.accept(record, field)));
    }

    private static void visit(Schema schema, Set<String> seen, Consumer<Schema> check) {
        boolean named = switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
        if (named && !seen.add(schema.getFullName())) {
            return;
        }
        check.accept(schema);
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(f -> visit(f.schema(), seen, check));
            case UNION -> schema.getTypes().forEach(t -> visit(t, seen, check));
            case ARRAY -> visit(schema.getElementType(), seen, check);
            case MAP -> visit(schema.getValueType(), seen, check);
            default -> { }
        }
    }
}
