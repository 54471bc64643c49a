package io.switchboard.routing.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.ArrayList;
import java.util.List;

/** A regional centre: its zone and public holidays (ISO dates). */
@Entity
@Table(name = "centre")
public class CentreRow extends PanacheEntityBase {
    @Id
    public String id;
    public String zone;
    @JdbcTypeCode(SqlTypes.JSON)
    @jakarta.persistence.Column(name = "public_holidays")
    public List<String> publicHolidays = new ArrayList<>();
}
