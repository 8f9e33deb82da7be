namespace Fleet.Actors;
