package io.switchboard.routing.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A skill group as stored; {@code hours} is the weekly part of a calendar spec, read in the centre's zone. */
@Entity
@Table(name = "skill_group")
public class SkillGroupRow extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String skill;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> products = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> languages = new ArrayList<>();
    public String certification;
    public String level;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tiers = new ArrayList<>();
    @Column(name = "centre_id")
    public String centreId;
    public String hours;
    public String strategy;
    public boolean emergency;
    @Column(name = "last_picked")
    public String lastPicked;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
