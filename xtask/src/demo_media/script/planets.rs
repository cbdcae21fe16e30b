//! The scripts of the two planet lessons: the narrated audio guide "The wandering stars"
//! and the narrated slide deck "The planets at a glance", whose narration of each slide
//! must fit a fixed time slot.

use super::{said, Chapter, Lecture};

pub const PLANETS_NARRATED: Lecture = Lecture {
    lesson_id: "planets-narrated",
    title: "The wandering stars",
    chapters: &[
        Chapter {
            title: "The wandering stars",
            bullets: &[],
            sentences: &[
                said("The ancient Greeks called the planets wandering stars."),
                said("Unlike the stars, they shift their places slowly from night to night."),
                said("Eight planets circle the Sun, and five of them are easy to see with the naked eye."),
            ],
        },
        Chapter {
            title: "Mercury, Venus and Mars",
            bullets: &[],
            sentences: &[
                said("Mercury is closest to the Sun, and is only seen low in the twilight."),
                said("Venus, the morning or evening star, outshines everything but the Sun and Moon."),
                said("Mars glows with a reddish colour, from the rusty dust that covers it."),
            ],
        },
        Chapter {
            title: "The giant planets",
            bullets: &[],
            sentences: &[
                said("Jupiter, the largest planet, is a brilliant cream-coloured point of light."),
                said("Binoculars show its four largest moons, first seen by Galileo in 1610."),
                said("Saturn looks like a pale yellow star; a small telescope reveals its rings."),
                said("Uranus is just visible to sharp eyes under a very dark sky."),
                said("Neptune is too faint for the naked eye, and needs binoculars or a telescope."),
            ],
        },
        Chapter {
            title: "Planet or star?",
            bullets: &[],
            sentences: &[
                said("To tell a planet from a star, watch how it shines."),
                said("Stars twinkle, but planets usually shine with a steady light."),
                said("And planets always stay close to the ecliptic, the path of the Sun and Moon."),
            ],
        },
    ],
};

pub const PLANETS_AT_A_GLANCE: Lecture = Lecture {
    lesson_id: "planets-at-a-glance",
    title: "The planets at a glance",
    chapters: &[
        Chapter {
            title: "The rocky planets",
            bullets: &[
                "Mercury: the smallest, and closest to the Sun",
                "Venus: the hottest, under thick cloud",
                "Earth: the only world known to hold life",
                "Mars: a cold desert, red with iron oxide dust",
            ],
            sentences: &[
                said("Closest to the Sun are the four rocky planets: Mercury, Venus, Earth and Mars."),
                said("Venus is the hottest, because its thick atmosphere traps heat."),
                said("Mars looks red because of the iron oxide dust on its surface."),
            ],
        },
        Chapter {
            title: "The gas giants",
            bullets: &[
                "Jupiter and Saturn: mostly hydrogen and helium",
                "Jupiter outweighs all the other planets together",
                "Saturn's rings: countless pieces of ice and rock",
            ],
            sentences: &[
                said("Jupiter and Saturn are gas giants, made mostly of hydrogen and helium."),
                said("Jupiter is more massive than all the other planets put together."),
                said("Saturn's rings are made of countless pieces of ice and rock."),
            ],
        },
        Chapter {
            title: "The ice giants",
            bullets: &[
                "Uranus and Neptune, far out in the cold",
                "Uranus spins tipped over on its side",
                "Methane makes them look blue-green",
                "Neptune: the fastest winds in the Solar System",
            ],
            sentences: &[
                said("Uranus and Neptune are the ice giants, far out in the cold."),
                said("Uranus spins tipped over on its side."),
                said("Methane in their atmospheres gives them a blue-green colour."),
                said("Neptune has the fastest winds in the Solar System."),
            ],
        },
        Chapter {
            title: "Which can you see tonight?",
            bullets: &[
                "Naked eye: Mercury, Venus, Mars, Jupiter, Saturn",
                "Uranus: only under a very dark sky",
                "Neptune: binoculars or a telescope",
                "Stellarium shows where each planet is tonight",
            ],
            sentences: &[
                said("Five planets are easy to see with the naked eye."),
                said("Uranus needs a very dark sky, and Neptune needs binoculars."),
                said("A planetarium program such as Stellarium shows where each planet is tonight."),
            ],
        },
    ],
};
