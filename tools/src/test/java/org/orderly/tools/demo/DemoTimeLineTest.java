package org.orderly.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The line {@code orderly demo --speed N} prints about its world's time gives the speed and the day's length as they
 * are: {@code --speed} takes any number from 1 to 300, not only whole ones.
 */
class DemoTimeLineTest {

    @Test
    void aFractionalSpeedAndAShortDayAreSaidAsTheyAre() {
        assertThat(Demo.timeLine(1.5)).startsWith("time: the compound's day runs 1.5x real time (a day in 960 minutes)");
        assertThat(Demo.timeLine(300)).contains("300x real time (a day in 4.8 minutes)");
        assertThat(Demo.timeLine(7)).contains("7x real time (a day in 205.7 minutes)");
        assertThat(Demo.timeLine(60)).contains("60x real time (a day in 24 minutes)");
    }
}
